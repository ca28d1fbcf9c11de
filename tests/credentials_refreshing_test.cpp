// SPDX-License-Identifier: BSL-1.0
// refreshing_credentials: fetched on first use, again ahead of expiry, the old ones served
// while a failed refresh waits to be retried, an error once they have expired; and shared
// between threads.
#include <livemsg/core/refreshing_credentials.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace credentials_refreshing_test {

using namespace std::chrono_literals;
using livemsg::expiring;
using livemsg::refresh_options;
using livemsg::refreshing_credentials;

namespace {

// A clock the test moves by hand.
struct manual_clock {
    std::atomic<long long> seconds{1'700'000'000};
    std::chrono::sys_seconds operator()() const { return std::chrono::sys_seconds(std::chrono::seconds(seconds.load())); }
    void advance(std::chrono::seconds by) { seconds += by.count(); }
};

// Hands out "token-1", "token-2", ... valid for an hour from the clock's now, or throws while
// `failing` is set.
struct token_service {
    const manual_clock& clock;
    std::atomic<int> calls{0};
    std::atomic<bool> failing{false};

    expiring<std::string> operator()() {
        const int n = ++calls;
        if (failing) throw std::runtime_error("STS unavailable");
        return {"token-" + std::to_string(n), clock() + 1h};
    }
};

refresh_options options_for(const manual_clock& clock) {
    refresh_options o;
    o.refresh_ahead = 5min;
    o.retry_after = 30s;
    o.now = [&clock] { return clock(); };
    return o;
}

}  // namespace

TEST_CASE("credentials: refreshing: fetched on first use, kept, then fetched again ahead of expiry", "[credentials][refresh]") {
    manual_clock clock;
    token_service sts{clock};
    const refreshing_credentials<std::string> creds([&] { return sts(); }, options_for(clock));
    CHECK(sts.calls == 0);
    CHECK(creds.get() == "token-1");
    CHECK(creds.current()->expires_at == clock() + 1h);

    clock.advance(54min);  // 6 minutes left: not due
    CHECK(creds.get() == "token-1");
    CHECK(sts.calls == 1);

    clock.advance(1min + 1s);  // 4:59 left: due
    CHECK(creds.get() == "token-2");
    CHECK(sts.calls == 2);
    CHECK(creds.get() == "token-2");
    CHECK(sts.calls == 2);
    CHECK(!creds.last_error());
}

TEST_CASE("credentials: refreshing: by default 180 seconds ahead of expiry, as Alibaba's providers", "[credentials][refresh]") {
    // aliyun/credentials-go, credentials/providers/ram_role_arn.go, needUpdateCredential():
    // `return provider.expirationTimestamp-time.Now().Unix() <= 180` (so ecs_ram_role.go,
    // oidc.go, uri.go).
    CHECK(refresh_options{}.refresh_ahead == 180s);

    manual_clock clock;
    token_service sts{clock};
    refresh_options defaults;
    defaults.now = [&clock] { return clock(); };
    const refreshing_credentials<std::string> creds([&] { return sts(); }, defaults);
    CHECK(creds.get() == "token-1");
    clock.advance(1h - 181s);  // 181 s left: not due
    CHECK(creds.get() == "token-1");
    CHECK(sts.calls == 1);
    clock.advance(1s);  // 180 s left: due (`<= 180`)
    CHECK(creds.get() == "token-2");
    CHECK(sts.calls == 2);
}

TEST_CASE("credentials: refreshing: a failed refresh serves the old credentials, retried no sooner than retry_after",
          "[credentials][refresh]") {
    manual_clock clock;
    token_service sts{clock};
    const refreshing_credentials<std::string> creds([&] { return sts(); }, options_for(clock));
    CHECK(creds.get() == "token-1");

    sts.failing = true;
    clock.advance(56min);  // 4 minutes left
    CHECK(creds.get() == "token-1");
    CHECK(sts.calls == 2);
    CHECK(creds.last_error() == "STS unavailable");
    clock.advance(10s);
    CHECK(creds.get() == "token-1");
    CHECK(creds.get() == "token-1");
    CHECK(sts.calls == 2);  // not on every call

    clock.advance(20s);  // retry_after has passed
    CHECK(creds.get() == "token-1");
    CHECK(sts.calls == 3);

    sts.failing = false;
    clock.advance(30s);
    CHECK(creds.get() == "token-4");
    CHECK(!creds.last_error());
}

TEST_CASE("credentials: refreshing: once expired with the refresh still failing, an error", "[credentials][refresh]") {
    manual_clock clock;
    token_service sts{clock};
    const refreshing_credentials<std::string> creds([&] { return sts(); }, options_for(clock));
    CHECK(creds.get() == "token-1");
    sts.failing = true;
    clock.advance(1h);  // expired now
    try {
        (void)creds.get();
        FAIL("expired credentials were served");
    } catch (const livemsg::credential_error& e) {
        const std::string what = e.what();
        CHECK(what.find("expired at 2023-11-14T23:13:20Z") != std::string::npos);
        CHECK(what.find("STS unavailable") != std::string::npos);
    }
    CHECK(sts.calls == 2);
    CHECK_THROWS_AS(creds.get(), livemsg::credential_error);
    CHECK(sts.calls == 2);  // the retry waits, even when expired

    sts.failing = false;
    clock.advance(30s);
    CHECK(creds.get() == "token-3");
}

TEST_CASE("credentials: refreshing: a first fetch that fails, and fetched credentials already expired", "[credentials][refresh]") {
    manual_clock clock;
    token_service sts{clock};
    sts.failing = true;
    const refreshing_credentials<std::string> creds([&] { return sts(); }, options_for(clock));
    CHECK_THROWS_WITH(creds.get(), "livemsg: fetching credentials failed: STS unavailable");

    const refreshing_credentials<std::string> stale([&] { return expiring<std::string>{"old", clock() - 1s}; },
                                                    options_for(clock));
    CHECK_THROWS_WITH(stale.get(), Catch::Contains("the fetched credentials expired at"));

    CHECK_THROWS_AS(refreshing_credentials<std::string>(nullptr), std::invalid_argument);
    refresh_options negative;
    negative.refresh_ahead = -1s;
    CHECK_THROWS_AS(refreshing_credentials<std::string>([&] { return sts(); }, negative), std::invalid_argument);
}

TEST_CASE("credentials: refreshing: shared between threads, one fetch at a time", "[credentials][refresh][threads]") {
    manual_clock clock;
    std::atomic<int> fetching{0}, overlaps{0}, calls{0};
    const refreshing_credentials<std::string> creds(
        [&] {
            if (fetching++ != 0) ++overlaps;
            const int n = ++calls;
            std::this_thread::sleep_for(1ms);
            --fetching;
            if (n % 3 == 0) throw std::runtime_error("every third fetch fails");
            return expiring<std::string>{"token-" + std::to_string(n), clock() + 10min};
        },
        [&] {
            refresh_options o = options_for(clock);
            o.retry_after = 1s;
            return o;
        }());

    constexpr int threads = 6, reads = 400;
    std::atomic<int> served{0}, errors{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            for (int i = 0; i < reads; ++i) {
                if (t == 0 && i % 20 == 0) clock.advance(1min);  // one thread moves time on
                try {
                    const auto c = creds.current();
                    if (c->value.starts_with("token-")) ++served;
                } catch (const livemsg::credential_error&) {
                    ++errors;
                }
            }
        });
    }
    for (auto& t : pool) t.join();
    CHECK(overlaps == 0);
    CHECK(served + errors == threads * reads);
    CHECK(served > 0);
    CHECK(calls > 1);
    CHECK(calls < threads * reads / 10);  // refreshes were shared, not one per read
}

}  // namespace credentials_refreshing_test
