// SPDX-License-Identifier: BSL-1.0
// The emulator's parts that are no vendor's: the credentials file, parameters decoded into a
// typed request, the nonce store, the routing and the bounded list of accepted messages.
#include "received.hpp"
#include "serve/decode_params.hpp"
#include "serve/emulator.hpp"
#include "serve/limits.hpp"

#include <livemsg/livemsg.hpp>
#include <livemsg/signing.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

namespace emulator_test {

using livemsg::serve::emulator;
using livemsg::serve::read_credentials_file;
using serve_test::received;
using serve_test::signed_at;

TEST_CASE("credentials file: the three vendors' accounts, or every problem", "[serve][credentials]") {
    const auto accounts = serve_test::accounts();
    REQUIRE(accounts.alibaba.size() == 2);
    CHECK(accounts.alibaba_key("LTAI5tServeTest")->access_key_secret.reveal() == "alibaba-secret");
    CHECK(accounts.alibaba_key("LTAI5tOther") == nullptr);
    CHECK(accounts.volcengine_key("AKLTServeTest")->secret_access_key.reveal() == "volcengine-secret");
    CHECK(accounts.tencent_app(1400000000)->identifier == "administrator");
    CHECK(accounts.tencent_app(1) == nullptr);

    const auto bad = read_credentials_file(
        R"({"alibaba":[{"access_key_id":"a"}],"tencent":[{"sdkappid":-1,"secret_key":"k","identifier":"i"}],"aws":[]})");
    REQUIRE_FALSE(bad.ok());
    const std::string report = bad.errors().report();
    CHECK(report.find("alibaba[0].access_key_secret") != std::string::npos);
    CHECK(report.find("tencent[0].sdkappid") != std::string::npos);
    CHECK(report.find("aws") != std::string::npos);
    CHECK_FALSE(read_credentials_file("{not json").ok());
    CHECK_FALSE(read_credentials_file(R"({"volcengine":{}})").ok());
    CHECK(read_credentials_file("{}").ok());
}

TEST_CASE("decode_params: numbers, booleans and strings as the members read them, strictly", "[serve][params]") {
    using livemsg::alibaba::SendLiveMessageGroup;
    livemsg::param_list params;
    params.add("AppId", "demo");
    params.add("GroupId", "g1");
    params.add("SenderId", "uid1");
    params.add("MsgType", "7");
    params.add("NoStorage", "true");
    params.add("DataCenter", "ap-southeast-1");
    params.add("Body", "123");  // a number's text, but Body is text: kept as a string
    const auto group = livemsg::serve::decode_params<SendLiveMessageGroup>(params);
    REQUIRE(group.ok());
    CHECK(group->MsgType.raw() == 7);
    CHECK(group->NoStorage == true);
    CHECK(group->DataCenter == livemsg::alibaba::data_center::ap_southeast_1);
    CHECK(group->Body == "123");

    params.set("MsgType", "seven");
    params.add("Colour", "blue");
    const auto bad = livemsg::serve::decode_params<SendLiveMessageGroup>(params);
    REQUIRE_FALSE(bad.ok());
    const std::string report = bad.errors().report();
    CHECK(report.find("MsgType") != std::string::npos);
    CHECK(report.find("Colour") != std::string::npos);

    livemsg::param_list twice;
    twice.add("AppId", "a");
    twice.add("AppId", "b");
    CHECK_FALSE(livemsg::serve::decode_params<SendLiveMessageGroup>(twice).ok());
}

TEST_CASE("nonce store: each nonce once within the window, bounded", "[serve][nonce]") {
    using std::chrono::minutes;
    livemsg::serve::nonce_store nonces(minutes(15), 3);
    CHECK(nonces.first_use("a", signed_at));
    CHECK_FALSE(nonces.first_use("a", signed_at + minutes(14)));
    CHECK(nonces.first_use("a", signed_at + minutes(16)));  // forgotten after the window
    CHECK(nonces.first_use("b", signed_at + minutes(16)));
    CHECK(nonces.first_use("c", signed_at + minutes(16)));
    CHECK(nonces.first_use("d", signed_at + minutes(16)));  // past capacity the oldest goes
    CHECK(nonces.size() == 3);
    CHECK_FALSE(nonces.first_use("d", signed_at + minutes(16)));
}

TEST_CASE("emulator: routes every vendor, keeps accepted messages in order, bounded", "[serve][emulator]") {
    emulator server(serve_test::accounts(), {.keep = 2});
    const auto url = livemsg::endpoint_url::parse("http://127.0.0.1:8080").value();

    auto alibaba = livemsg::alibaba::render(
        livemsg::alibaba::SendLiveMessageUser{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1"}, url).value();
    REQUIRE(livemsg::alibaba::sign_v3(alibaba, {"LTAI5tServeTest", livemsg::secret("alibaba-secret"), {}},
                                      {signed_at, "n"}).ok());
    CHECK(server.handle(received(alibaba), signed_at).status == 200);

    const livemsg::volcengine::endpoint to = livemsg::volcengine::endpoint_at(url);
    auto volc = livemsg::volcengine::render(
        livemsg::volcengine::P2PSendMessage{.AppId = 1, .Sender = 2, .ConversationShortId = 3, .MsgType = 4,
                                            .Content = "x"}, to).value();
    REQUIRE(livemsg::volcengine::sign(volc, {"AKLTServeTest", livemsg::secret("volcengine-secret"), {}},
                                      livemsg::volcengine::scope_of(to), signed_at).ok());
    CHECK(server.handle(received(volc), signed_at).status == 200);

    const livemsg::tencent::usersig_grant grant{.sdkappid = 1400000000, .identifier = "administrator"};
    const auto sig = livemsg::tencent::generate_usersig(grant, livemsg::secret("tencent-secret-key"),
                                                        std::chrono::floor<std::chrono::seconds>(signed_at)).value();
    auto tencent = livemsg::tencent::render(
        livemsg::tencent::send_text_msg{.RoomId = "r", .Sender_Account = "u", .TextContent = "t"},
        {.domain = livemsg::tencent::endpoint(url), .sdkappid = 1400000000, .identifier = "administrator", .usersig = sig},
        1).value();
    const auto answered = server.handle(received(tencent), signed_at);
    CHECK(answered.body.find(R"("ErrorCode":0)") != std::string::npos);

    // Kept: the last two, oldest first.
    REQUIRE(server.messages().size() == 2);
    CHECK(server.messages()[0].vendor == "volcengine");
    CHECK(server.messages()[1].vendor == "tencent");

    livemsg::serve::received_request list{.method = "GET", .target = "/_livemsg/messages"};
    const auto listed = boost::json::parse(server.handle(list, signed_at).body).as_array();
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].at("operation") == "P2PSendMessage");
    CHECK(listed[0].at("fields").at("ConversationShortId") == 3);
    CHECK(listed[1].at("fields").at("TextContent") == "t");

    livemsg::serve::received_request clear{.method = "DELETE", .target = "/_livemsg/messages"};
    CHECK(server.handle(clear, signed_at).body == R"({"cleared":2})");
    CHECK(server.messages().empty());
    CHECK(server.handle(list, signed_at).body == "[]");

    // A refused request is not kept; an unknown path is a plain 404.
    auto tampered = received(alibaba);
    tampered.body = "x=1";
    CHECK(server.handle(tampered, signed_at).status == 400);
    CHECK(server.messages().empty());
    CHECK(server.handle({.method = "GET", .target = "/nothing"}, signed_at).status == 404);
    CHECK(server.handle({.method = "PUT", .target = "/_livemsg/messages"}, signed_at).status == 405);
}

}  // namespace emulator_test
