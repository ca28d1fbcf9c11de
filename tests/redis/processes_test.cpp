// SPDX-License-Identifier: BSL-1.0
// Several processes, one Redis: what they admit together. Each child is forked after the server
// is up, makes its own limiter or budget, and reports through a pipe; the parent judges.
#include "redis_test_support.hpp"

#include <livemsg/alibaba/send_live_message_group.hpp>
#include <livemsg/redis/msg_type_budget.hpp>
#include <livemsg/redis/rate_limiter.hpp>

#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <functional>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace redis_processes_test {

using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

/// Forks `n` children, each running `work(index)` and writing what it returns to a pipe, then
/// exiting without running the parent's destructors (the fixture's would stop the server).
/// Answers each child's bytes; waits at most `limit` for all of them.
std::vector<std::string> in_children(int n, const std::function<std::string(int)>& work,
                                     std::chrono::seconds limit = 20s) {
    std::vector<int> fds;
    std::vector<pid_t> pids;
    for (int i = 0; i < n; ++i) {
        int p[2];
        REQUIRE(::pipe(p) == 0);
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // a test killed outright takes its children along
            ::close(p[0]);
            std::string out;
            try {
                out = work(i);
            } catch (...) {
                ::_exit(3);  // never back into the parent's test runner
            }
            std::size_t done = 0;
            while (done < out.size()) {
                const ssize_t w = ::write(p[1], out.data() + done, out.size() - done);
                if (w <= 0) ::_exit(2);
                done += static_cast<std::size_t>(w);
            }
            ::_exit(0);
        }
        ::close(p[1]);
        fds.push_back(p[0]);
        pids.push_back(pid);
    }
    std::vector<std::string> out(static_cast<std::size_t>(n));
    const auto until = clock_type::now() + limit;
    for (std::size_t i = 0; i < fds.size(); ++i) {
        char buf[4096];
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - clock_type::now()).count();
            pollfd p{fds[i], POLLIN, 0};
            if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) break;
            const ssize_t r = ::read(fds[i], buf, sizeof buf);
            if (r <= 0) break;
            out[i].append(buf, static_cast<std::size_t>(r));
        }
        ::close(fds[i]);
    }
    for (pid_t pid : pids) {
        ::kill(pid, SIGKILL);  // a child still running here is past its time: the check below fails it
        int status = 0;
        ::waitpid(pid, &status, 0);
    }
    return out;
}

template <class T>
std::string bytes_of(const std::vector<T>& v) {
    return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}
template <class T>
std::vector<T> values_of(const std::string& s) {
    std::vector<T> v(s.size() / sizeof(T));
    std::memcpy(v.data(), s.data(), v.size() * sizeof(T));
    return v;
}

TEST_CASE("redis rate limiter: four processes on one key never exceed 50 calls in a second", "[redis][processes]") {
    livemsg_test::redis_server server;
    using livemsg::alibaba::SendLiveMessageGroup;
    const auto key = livemsg::limit_key_for<SendLiveMessageGroup>("shared-account");
    const auto rate = livemsg::documented_rate<SendLiveMessageGroup>();
    REQUIRE(rate.per_second == 50);
    const auto start = clock_type::now() + 300ms;
    const auto end = start + 3s;

    const auto results = in_children(4, [&](int) {
        livemsg::redis::rate_limiter limiter(server.url());
        std::vector<std::int64_t> admitted;
        std::this_thread::sleep_until(start);
        std::uint64_t calls = 0;
        while (clock_type::now() < end && calls < 5'000'000) {
            ++calls;
            if (limiter.reserve(key, rate, 0ns).admitted())
                admitted.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(clock_type::now() - start).count());
        }
        // The last value: how many calls were made, so the parent knows the child ran.
        admitted.push_back(-static_cast<std::int64_t>(calls));
        return bytes_of(admitted);
    });

    std::vector<std::int64_t> all;
    for (const std::string& r : results) {
        auto v = values_of<std::int64_t>(r);
        REQUIRE_FALSE(v.empty());
        CHECK(v.back() < -100);  // the child hammered
        v.pop_back();
        CHECK_FALSE(v.empty());  // and was admitted sometimes
        all.insert(all.end(), v.begin(), v.end());
    }
    std::sort(all.begin(), all.end());
    // Every one-second window that starts at an admission: the most any second can hold.
    std::size_t most = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto upto = std::lower_bound(all.begin(), all.end(), all[i] + 1'000'000'000);
        most = std::max(most, static_cast<std::size_t>(upto - (all.begin() + static_cast<std::ptrdiff_t>(i))));
    }
    INFO("admitted " << all.size() << " in 3 s, at most " << most << " in any second");
    CHECK(most <= 50);
    for (int w = 0; w < 3; ++w) {
        const auto from = std::lower_bound(all.begin(), all.end(), std::int64_t{w} * 1'000'000'000);
        const auto to = std::lower_bound(all.begin(), all.end(), std::int64_t{w + 1} * 1'000'000'000);
        INFO("second " << w);
        CHECK(to - from >= 40);  // 45 is what the 0.9 headroom allows
    }
}

TEST_CASE("redis budget: four processes offering 31 types admit 30 between them", "[redis][processes]") {
    livemsg_test::redis_server server;
    const auto start = clock_type::now() + 200ms;
    // Per type 1..31: 'a' admitted and added here, 'k' admitted (known), 'r' refused, 'e' an error.
    const auto results = in_children(4, [&](int index) {
        livemsg::redis::options o;
        o.timeout = 500ms;
        livemsg::redis::msg_type_budget budget(server.url(), o);
        std::vector<std::int64_t> order(31);
        std::iota(order.begin(), order.end(), 1);
        std::mt19937 shuffle(static_cast<unsigned>(index) * 7919u + 1u);
        std::shuffle(order.begin(), order.end(), shuffle);
        std::string out(31, '?');
        std::this_thread::sleep_until(start);
        for (std::int64_t t : order) {
            const auto a = budget.admit("app", "contended", t);
            char& slot = out[static_cast<std::size_t>(t - 1)];
            if (a.empty())
                slot = a.added ? 'a' : 'k';
            else
                slot = a[0].code == livemsg::error_code::too_many_msg_types ? 'r' : 'e';
        }
        return out;
    });

    std::set<std::int64_t> admitted;
    int added = 0;
    std::set<std::int64_t> refused_by_first;
    for (std::size_t child = 0; child < results.size(); ++child) {
        const std::string& r = results[child];
        REQUIRE(r.size() == 31);
        std::set<std::int64_t> refused;
        for (std::int64_t t = 1; t <= 31; ++t) {
            const char c = r[static_cast<std::size_t>(t - 1)];
            INFO("child " << child << " type " << t << ": " << c);
            CHECK((c == 'a' || c == 'k' || c == 'r'));
            if (c == 'a' || c == 'k') admitted.insert(t);
            if (c == 'a') ++added;
            if (c == 'r') refused.insert(t);
        }
        CHECK(refused.size() == 1);
        if (child == 0) refused_by_first = refused;
        CHECK(refused == refused_by_first);  // the same type, refused in every process
    }
    CHECK(admitted.size() == 30);
    CHECK(added == 30);  // each type added once, by one process
    CHECK(livemsg_test::ask(server, "SCARD %s", livemsg::redis::types_key("app", "contended").c_str()) == "30");
}

}  // namespace redis_processes_test
