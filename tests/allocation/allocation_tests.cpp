// SPDX-License-Identifier: BSL-1.0
// Counts heap allocations: validating and serializing into warmed buffers allocates nothing.
#include <livemsg/livemsg.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

namespace {
std::atomic<long> allocations{0};
}

// None of the three inlined: GCC would otherwise see free() meet a pointer from operator new, or
// operator delete meet one from malloc(), and warn.
[[gnu::noinline]] void* operator new(std::size_t size) {
    ++allocations;
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

template <class Fn>
long allocations_during(Fn&& fn) {
    const long before = allocations.load();
    fn();
    return allocations.load() - before;
}

livemsg::alibaba::SendLiveMessageUser large_request() {
    livemsg::alibaba::SendLiveMessageUser req{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1"};
    std::string body;
    while (body.size() + 16 <= 15360) body += "h\xC3\xA9llo \"w\\rld\"\n\t ";
    req.Body = body;
    req.SenderInfo = std::string(512, 'i');
    req.MsgType = 9;
    req.MsgTid = std::string(64, 'T');
    return req;
}

}  // namespace

TEST_CASE("validating a valid request allocates nothing") {
    const auto req = large_request();
    CHECK(allocations_during([&] { REQUIRE(livemsg::validate(req).empty()); }) == 0);
}

TEST_CASE("rendering into a warmed request allocates nothing") {
    const auto req = large_request();
    livemsg::http_request http;
    std::string url;
    REQUIRE(livemsg::alibaba::render(req, http).empty());
    http.append_url(url);
    const std::size_t expected_size = url.size();
    for (int round = 0; round < 3; ++round) {
        const long n = allocations_during([&] {
            REQUIRE(livemsg::alibaba::render(req, http).empty());
            url.clear();
            http.append_url(url);
        });
        CHECK(n == 0);
    }
    CHECK(url.size() == expected_size);
}

TEST_CASE("writing JSON into a warmed buffer allocates nothing") {
    const auto req = large_request();
    std::string out;
    livemsg::append_json(req, out);
    const std::size_t expected_size = out.size();
    const long n = allocations_during([&] {
        out.clear();
        livemsg::append_json(req, out);
    });
    CHECK(n == 0);
    CHECK(out.size() == expected_size);
}

TEST_CASE("a rate decision for a key seen before allocates nothing") {
    livemsg::local_rate_limiter limiter;
    const livemsg::limit_key key{"LTAI5tAccount", "SendLiveMessageGroup"};
    const auto rate = livemsg::documented_rate<livemsg::alibaba::SendLiveMessageGroup>();
    REQUIRE(limiter.reserve(key, rate, std::chrono::nanoseconds(0)).admitted());  // the key's first call stores it
    CHECK(allocations_during([&] {
              for (int i = 0; i < 100; ++i) (void)limiter.reserve(key, rate, std::chrono::nanoseconds(0));
          }) == 0);
}

TEST_CASE("a budget admission of a type the group has allocates nothing beyond its key") {
    livemsg::alibaba::msg_type_budget budget;
    REQUIRE(budget.admit("demo", "group1", 7).added);
    // The key is built per call (a short string, in place), and an admission allocates nothing else.
    CHECK(allocations_during([&] { REQUIRE(budget.admit("demo", "group1", 7).empty()); }) == 0);
}

TEST_CASE("the counter sees allocations") {
    // Guards the tests above against a counter that never counts.
    CHECK(allocations_during([] { std::string s(1000, 'x'); REQUIRE(s.size() == 1000); }) >= 1);
}
