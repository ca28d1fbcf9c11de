// SPDX-License-Identifier: BSL-1.0
#include <livemsg/alibaba/msg_type_budget.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace alibaba_msg_type_budget_test {

using namespace livemsg::alibaba;

TEST_CASE("budget: 30 distinct types per group, then a clear refusal", "[alibaba][budget]") {
    msg_type_budget budget;
    for (int type = 1; type <= 30; ++type) REQUIRE(budget.admit("demo", "g1", type).empty());
    CHECK(budget.types_used("demo", "g1") == 30);

    auto refused = budget.admit("demo", "g1", 31);
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].field == "MsgType");
    CHECK(refused[0].code == livemsg::error_code::too_many_msg_types);
    CHECK(refused[0].limit == 30);
    CHECK(refused.report().rfind("1 validation error for SendLiveMessageGroup", 0) == 0);

    // Types already used stay admitted; other groups and apps have budgets of their own.
    CHECK(budget.admit("demo", "g1", 7).empty());
    CHECK(budget.admit("demo", "g2", 31).empty());
    CHECK(budget.admit("other", "g1", 31).empty());
    CHECK(budget.types_used("demo", "g1") == 30);
}

TEST_CASE("budget: an admission says whether it added the type, which only that caller gives back",
          "[alibaba][budget]") {
    msg_type_budget budget;
    const type_admission first = budget.admit("demo", "g1", 5);
    CHECK(first.empty());
    CHECK(first.added);
    const type_admission again = budget.admit("demo", "g1", 5);  // another sender of the same type
    CHECK(again.empty());
    CHECK_FALSE(again.added);
    CHECK(budget.types_used("demo", "g1") == 1);

    for (int type = 6; type < 35; ++type) REQUIRE(budget.admit("demo", "g1", type).added);
    const type_admission refused = budget.admit("demo", "g1", 35);
    CHECK_FALSE(refused.empty());
    CHECK_FALSE(refused.added);

    // A request with no MsgType counts nothing and adds nothing.
    const SendLiveMessageGroup untyped{.AppId = "demo", .GroupId = "g1", .SenderId = "uid1", .Body = "hi"};
    const type_admission none = budget.admit(untyped);
    CHECK(none.empty());
    CHECK_FALSE(none.added);
}

TEST_CASE("budget: a type whose send never reached the server is given back", "[alibaba][budget]") {
    msg_type_budget budget;
    for (int type = 1; type <= 29; ++type) REQUIRE(budget.admit("demo", "g1", type).empty());

    // The 30th type is admitted, but its send fails before the server counts it.
    REQUIRE(budget.admit("demo", "g1", 30).empty());
    CHECK(budget.types_used("demo", "g1") == 30);
    CHECK_FALSE(budget.admit("demo", "g1", 31).empty());
    budget.release("demo", "g1", 30);
    CHECK(budget.types_used("demo", "g1") == 29);

    // Its place goes to another type; the types kept stay admitted.
    CHECK(budget.admit("demo", "g1", 31).empty());
    for (int type = 1; type <= 29; ++type) CHECK(budget.admit("demo", "g1", type).empty());
    CHECK(budget.types_used("demo", "g1") == 30);
    CHECK_FALSE(budget.admit("demo", "g1", 30).empty());

    // Types and groups it does not know are left alone.
    budget.release("demo", "g1", 1000);
    budget.release("demo", "nowhere", 1);
    CHECK(budget.types_used("demo", "g1") == 30);
    CHECK(budget.types_used("demo", "nowhere") == 0);
    CHECK(budget.groups() == 1);

    // A request gives back its own MsgType.
    SendLiveMessageGroup req{.AppId = "demo", .GroupId = "g1", .SenderId = "uid1", .Body = "hi"};
    req.MsgType = 31;
    budget.release(req);
    CHECK(budget.types_used("demo", "g1") == 29);
    CHECK(budget.admit("demo", "g1", 32).empty());
}

TEST_CASE("budget: a group the server refused stays full when a type is given back", "[alibaba][budget]") {
    msg_type_budget budget;
    REQUIRE(budget.admit("demo", "g1", 1).empty());
    REQUIRE(budget.admit("demo", "g1", 2).empty());
    budget.mark_full("demo", "g1");
    budget.release("demo", "g1", 2);
    CHECK(budget.types_used("demo", "g1") == 1);
    CHECK(budget.admit("demo", "g1", 1).empty());
    CHECK_FALSE(budget.admit("demo", "g1", 2).empty());
}

TEST_CASE("budget: application and group IDs never run together", "[alibaba][budget]") {
    msg_type_budget budget;
    for (int type = 0; type < 30; ++type) REQUIRE(budget.admit("ab", "c", type).empty());
    CHECK(budget.admit("a", "bc", 99).empty());
    CHECK(budget.types_used("a", "bc") == 1);
}

TEST_CASE("budget: admits a request by its AppId, GroupId and MsgType", "[alibaba][budget]") {
    msg_type_budget budget;
    SendLiveMessageGroup req{.AppId = "demo", .GroupId = "grouptest", .SenderId = "uid1"};
    CHECK(budget.admit(req).empty());  // no MsgType: nothing to count
    CHECK(budget.types_used("demo", "grouptest") == 0);
    for (int type = 100; type < 130; ++type) {
        req.MsgType = type;
        REQUIRE(budget.admit(req).empty());
    }
    req.MsgType = 130;
    CHECK(budget.admit(req).size() == 1);
}

TEST_CASE("budget: the server's refusal closes a group it did not know was full", "[alibaba][budget]") {
    msg_type_budget budget;
    CHECK(budget.admit("demo", "old", 1).empty());
    budget.mark_full("demo", "old");
    CHECK(budget.admit("demo", "old", 1).empty());
    auto refused = budget.admit("demo", "old", 2);
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].message.find("the server refused another") != std::string::npos);

    budget.forget("demo", "old");
    CHECK(budget.admit("demo", "old", 2).empty());
}

TEST_CASE("budget: memory stays bounded, the least recently used group goes first", "[alibaba][budget]") {
    msg_type_budget one(1);
    REQUIRE(one.admit("demo", "a", 1).empty());
    REQUIRE(one.admit("demo", "b", 1).empty());
    CHECK(one.groups() == 1);
    CHECK(one.types_used("demo", "a") == 0);  // forgotten
    CHECK(one.types_used("demo", "b") == 1);

    msg_type_budget bounded(64);
    for (int g = 0; g < 10000; ++g) REQUIRE(bounded.admit("demo", "group" + std::to_string(g), g % 40).empty());
    CHECK(bounded.groups() <= 64);
    CHECK(bounded.groups() > 0);
}

TEST_CASE("budget: concurrent senders never get past 30 types", "[alibaba][budget][threads]") {
    msg_type_budget budget;
    constexpr int threads = 8;
    std::vector<std::set<int>> admitted(threads);
    std::atomic<int> refusals{0};
    std::vector<std::thread> senders;
    for (int t = 0; t < threads; ++t)
        senders.emplace_back([&, t] {
            // Every sender tries the same 60 types in its own order, twice.
            for (int round = 0; round < 2; ++round)
                for (int i = 0; i < 60; ++i) {
                    const int type = (i * 7 + t * 13) % 60;
                    if (budget.admit("demo", "live", type).empty()) admitted[t].insert(type);
                    else ++refusals;
                    (void)budget.admit("demo", "other" + std::to_string(i % 5), type);  // contention elsewhere too
                }
        });
    for (auto& s : senders) s.join();

    std::set<int> all;
    for (const auto& a : admitted) all.insert(a.begin(), a.end());
    CHECK(all.size() == 30);
    CHECK(budget.types_used("demo", "live") == 30);
    CHECK(refusals.load() == threads * 2 * 60 - [&] {
        int n = 0;
        for (int t = 0; t < threads; ++t)
            for (int round = 0; round < 2; ++round)
                for (int i = 0; i < 60; ++i) n += all.count((i * 7 + t * 13) % 60) ? 1 : 0;
        return n;
    }());
}

}  // namespace alibaba_msg_type_budget_test
