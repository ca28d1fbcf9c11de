// SPDX-License-Identifier: BSL-1.0
// What the examples that send with a real HTTP client share: the five operations, each
// rendered and signed with credentials from the environment, its answer read into a typed
// outcome and printed on one line, and the command line
//
//   PROGRAM OPERATION [REQUEST.json|-] [--endpoint URL] [--show]
//
// Without a request file, the example from the vendor's page is sent. Credentials come from
// the environment, as the vendors' SDKs read them (ALIBABA_CLOUD_ACCESS_KEY_ID, VOLC_ACCESSKEY or
// VOLCENGINE_ACCESS_KEY, ...; Tencent: livemsg's own TENCENT_IM_SDKAPPID, ...). --endpoint sends
// elsewhere than the vendor's own host (a proxy, a local server); --show prints the request to
// stderr as JSON, its credentials masked.
//
// Prints one line: "sent ...", "dropped ..." (Tencent), "error CODE retryable=yes|no ..." or
// "unreadable ...". Exit 0 sent, 4 vendor error or dropped, 3 unreadable answer, 1 invalid
// request, 2 usage, credentials or transport failure.
//
// Each example adds only its transport: answer send_request(const livemsg::http_request&).
#pragma once

#include <livemsg/livemsg.hpp>
#include <livemsg/signing.hpp>

#include <boost/json.hpp>

#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace examples {

using livemsg::endpoint_url;
using livemsg::http_request;
using livemsg::validation_errors;

enum exit_code { sent = 0, invalid_request = 1, failure = 2, unreadable = 3, vendor_error = 4 };

// Missing credentials or a failed exchange: exit 2.
struct fatal : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A mistake on the command line: exit 2, with the usage.
struct usage_error : fatal {
    using fatal::fatal;
};

// What the server answered: all parse_response needs.
struct answer {
    int status = 0;
    std::string body;
    std::string retry_after;  // Alibaba's x-acs-retry-after header, when sent
};

// ---- Rendering and signing: the same for any HTTP client -------------------------------------

template <class Lookup>
auto credentials_or_fail(Lookup lookup) {
    if (!lookup) throw fatal("no credentials: " + lookup.report());  // names variables, never a secret
    return *lookup;
}

template <class Op>
validation_errors prepare_alibaba(std::string_view json, const std::optional<endpoint_url>& to, http_request& http) {
    namespace alibaba = livemsg::alibaba;
    auto op = livemsg::decode_json<Op>(json);
    if (!op) return op.errors();
    if (auto errors = to ? alibaba::render(*op, *to, http) : alibaba::render(*op, http); !errors.empty())
        return errors;
    const auto creds = credentials_or_fail(alibaba::credentials_from_environment());
    if (auto signature = alibaba::sign_v3(http, creds); !signature) return signature.errors();
    return {};
}

inline validation_errors prepare_volcengine(std::string_view json, const std::optional<endpoint_url>& to, http_request& http) {
    namespace volcengine = livemsg::volcengine;
    using volcengine::rtc_region;
    auto op = livemsg::decode_json<volcengine::P2PSendMessage>(json);
    if (!op) return op.errors();
    const volcengine::endpoint endpoint =
        to ? volcengine::endpoint_at(*to, rtc_region::cn_north_1) : volcengine::endpoint_for(rtc_region::cn_north_1);
    if (auto errors = volcengine::render(*op, endpoint, http); !errors.empty()) return errors;
    const auto creds = credentials_or_fail(volcengine::credentials_from_environment());
    if (auto signature = volcengine::sign(http, creds, volcengine::scope_of(endpoint)); !signature)
        return signature.errors();
    return {};
}

inline validation_errors prepare_tencent(std::string_view json, const std::optional<endpoint_url>& to, http_request& http) {
    namespace tencent = livemsg::tencent;
    auto op = livemsg::decode_json<tencent::send_text_msg>(json);
    if (!op) return op.errors();
    const auto admin = credentials_or_fail(tencent::credentials_from_environment());
    tencent::rest_caller caller{.domain = to ? tencent::endpoint(*to) : tencent::endpoint(tencent::region::china),
                                .sdkappid = admin.sdkappid,
                                .identifier = admin.identifier,
                                .usersig = tencent::user_sig(admin.usersig)};
    if (!admin.secret_key.empty()) {
        // A UserSig made now; a server would keep one tencent::admin_signer instead.
        auto usersig = tencent::generate_usersig({.sdkappid = admin.sdkappid, .identifier = admin.identifier},
                                                 admin.secret_key);
        if (!usersig) return usersig.errors();
        caller.usersig = *usersig;
    }
    return tencent::render(*op, caller, http);  // with a fresh `random`
}

// ---- Reading the answer ------------------------------------------------------------------------

inline std::string one_line(const validation_errors& errors) {
    std::string out = std::to_string(errors.size()) + " problem(s) in " + std::string(errors.model());
    for (const auto& v : errors) out += "; " + (v.field.empty() ? std::string("(body)") : v.field) + ": " + v.message;
    return out;
}

// Prints the outcome on one line and returns the exit code. `describe` says what a success
// carried; it returns nullopt for a call that succeeded without delivering (Tencent's drop).
template <class Outcome, class Describe>
int print_outcome(const Outcome& outcome, Describe describe) {
    if (const auto* result = outcome.result()) {
        std::optional<std::string> delivered = describe(*result);
        if (!delivered) return vendor_error;  // describe() printed why
        std::cout << "sent " << *delivered << '\n';
        return sent;
    }
    if (const auto* e = outcome.error()) {
        const std::string code = e->code_text();
        std::cout << "error " << (code.empty() ? std::string("-") : code)
                  << " retryable=" << (e->retryable() ? "yes" : "no");
        if (const auto after = e->retry_after()) std::cout << " retry_after=" << after->count() << "ms";
        std::cout << " http_status=" << e->http_status;
        if (!e->request_id.empty()) std::cout << " request_id=" << e->request_id;
        if (!e->message.empty()) std::cout << ": " << e->message;
        std::cout << '\n';
        return vendor_error;
    }
    std::cout << "unreadable " << one_line(*outcome.unreadable()) << '\n';
    return unreadable;
}

template <class Op>
int read_alibaba(const answer& a) {
    return print_outcome(livemsg::alibaba::parse_response<Op>(a.status, a.body, a.retry_after),
                         [](const auto& response) { return std::optional("request_id=" + response.RequestId); });
}

inline int read_volcengine(const answer& a) {
    return print_outcome(livemsg::volcengine::parse_response<livemsg::volcengine::P2PSendMessage>(a.status, a.body),
                         [](const auto& response) {
                             std::string line = "request_id=" + response.ResponseMetadata.RequestId;
                             for (const auto& r : response.results())
                                 line += " " + std::to_string(r.UserId) + "=" + (r.Code ? r.Code->str() : "-");
                             return std::optional(line);
                         });
}

inline int read_tencent(const answer& a) {
    namespace tencent = livemsg::tencent;
    return print_outcome(tencent::parse_response<tencent::send_text_msg>(a.status, a.body),
                         [](const tencent::send_text_msg_result& result) -> std::optional<std::string> {
                             if (const auto* dropped = result.dropped()) {
                                 std::cout << "dropped " << dropped->reason.str() << " msg_seq=" << dropped->msg_seq
                                           << " request_id=" << result.request_id() << '\n';
                                 return std::nullopt;
                             }
                             return "msg_seq=" + std::to_string(result.sent()->msg_seq) +
                                    " request_id=" + result.request_id();
                         });
}

// ---- The operations, with the examples from the vendors' pages ----------------------------------

// What a vendor counts the operation's calls by (core/call_limiter.hpp): the account of the
// credentials in the environment, and the operation's name and documented rate.
inline std::string alibaba_account() {
    return credentials_or_fail(livemsg::alibaba::credentials_from_environment()).access_key_id;
}
inline std::string volcengine_account() {
    return credentials_or_fail(livemsg::volcengine::credentials_from_environment()).access_key_id;
}
inline std::string tencent_account() {
    return std::to_string(credentials_or_fail(livemsg::tencent::credentials_from_environment()).sdkappid);
}

struct operation {
    std::string_view name;
    std::string_view example;
    std::function<validation_errors(std::string_view, const std::optional<endpoint_url>&, http_request&)> prepare;
    std::function<int(const answer&)> read;
    livemsg::call_rate rate;          // documented_rate<Op>()
    std::string_view counted_as;      // operation_name<Op>()
    std::function<std::string()> account;
};

inline const std::vector<operation>& operations() {
    namespace alibaba = livemsg::alibaba;
    static const std::vector<operation> all{
        {"alibaba.SendLiveMessageUser",
         R"({"AppId":"demo","ReceiverId":"uid2","SenderId":"uid1","SenderInfo":"uid1meta1","Body":"hello, user",)"
         R"("MsgType":2,"MsgTid":"1698300000","DataCenter":"cn-shanghai"})",
         prepare_alibaba<alibaba::SendLiveMessageUser>, read_alibaba<alibaba::SendLiveMessageUser>,
         livemsg::documented_rate<alibaba::SendLiveMessageUser>(), livemsg::operation_name<alibaba::SendLiveMessageUser>(), alibaba_account},
        {"alibaba.SendLiveMessageGroup",
         R"({"AppId":"demo","GroupId":"grouptest","SenderId":"uid1","SenderMetaInfo":"uid1meta1",)"
         R"("Body":"hello,group","MsgType":1,"MsgTid":"1698300000","StaticsIncrease":1,"Weight":1,)"
         R"("NoStorage":false,"NoCache":false,"DataCenter":"cn-shanghai"})",
         prepare_alibaba<alibaba::SendLiveMessageGroup>, read_alibaba<alibaba::SendLiveMessageGroup>,
         livemsg::documented_rate<alibaba::SendLiveMessageGroup>(), livemsg::operation_name<alibaba::SendLiveMessageGroup>(), alibaba_account},
        {"alibaba.SendMessageToGroup",
         R"({"AppId":"VKL3","GroupId":"AE35-T95F","OperatorUserId":"de1a0","Type":12000,)"
         R"("Data":"{\"text\":\"test\"}","SkipAudit":true})",
         prepare_alibaba<alibaba::SendMessageToGroup>, read_alibaba<alibaba::SendMessageToGroup>,
         livemsg::documented_rate<alibaba::SendMessageToGroup>(), livemsg::operation_name<alibaba::SendMessageToGroup>(), alibaba_account},
        {"tencent.send_text_msg",
         R"({"RoomId":"room1","Sender_Account":"user1","TextContent":"msg","ExtensionInfo":"{\"data\":1,\"value\":2}"})",
         prepare_tencent, read_tencent, livemsg::documented_rate<livemsg::tencent::send_text_msg>(),
         livemsg::operation_name<livemsg::tencent::send_text_msg>(), tencent_account},
        {"volcengine.P2PSendMessage",
         R"({"AppId":666675,"Sender":10008,"ConversationShortId":7221856821303361536,"MsgType":10013,)"
         R"("Content":"{\"type\":1000,\"ext\":\"\",\"message_type\":10001}","ReceiverUserId":[],"IgnoreUserIds":[]})",
         prepare_volcengine, read_volcengine, livemsg::documented_rate<livemsg::volcengine::P2PSendMessage>(),
         livemsg::operation_name<livemsg::volcengine::P2PSendMessage>(), volcengine_account},
    };
    return all;
}

// ---- Showing the request, its credentials masked -----------------------------------------------

inline bool names_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if ((a[i] | 0x20) != (b[i] | 0x20)) return false;  // ASCII header names, case-insensitively
    return true;
}

// A Tencent UserSig and an STS token are credentials: they go to the server, not to a log.
inline bool carries_credential(std::string_view name) {
    return names_equal(name, "usersig") || names_equal(name, "SecurityToken") ||
           names_equal(name, "x-acs-security-token") || names_equal(name, "X-Security-Token");
}

inline void show(const http_request& http) {
    http_request masked = http;
    for (const auto& p : http.query)
        if (carries_credential(p.name)) masked.query.set(p.name, "****");  // in place: the order is kept
    boost::json::array headers;
    http.for_each_header([&](std::string_view name, std::string_view value) {
        headers.push_back(boost::json::array{name, carries_credential(name) ? std::string_view("****") : value});
    });
    const boost::json::object shown{{"method", http.method},
                                    {"target", masked.target()},
                                    {"headers", std::move(headers)},
                                    {"body", http.body}};
    std::cerr << boost::json::serialize(shown) << '\n';
}

// ---- The command line --------------------------------------------------------------------------

inline std::string usage_text(std::string_view program) {
    return "usage: " + std::string(program) +
           " OPERATION [REQUEST.json|-] [--endpoint URL] [--show]\n"
           "operations: alibaba.SendLiveMessageUser alibaba.SendLiveMessageGroup alibaba.SendMessageToGroup\n"
           "            tencent.send_text_msg volcengine.P2PSendMessage\n";
}

struct command_line {
    const operation* op = nullptr;
    std::optional<std::string> request_file;
    std::optional<endpoint_url> endpoint;
    bool show = false;
};

inline command_line parse_command_line(const std::vector<std::string_view>& args) {
    command_line out;
    std::vector<std::string_view> positional;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--show") {
            out.show = true;
        } else if (args[i] == "--endpoint") {
            if (++i == args.size()) throw usage_error("--endpoint needs a URL");
            auto url = endpoint_url::parse(args[i]);
            if (!url) throw usage_error(url.errors().report());
            out.endpoint = *url;
        } else if (args[i].starts_with("--")) {
            throw usage_error("unknown option " + std::string(args[i]));
        } else {
            positional.push_back(args[i]);
        }
    }
    if (positional.empty() || positional.size() > 2) throw usage_error("an OPERATION and at most one REQUEST file");
    for (const operation& op : operations())
        if (op.name == positional[0]) out.op = &op;
    if (!out.op) throw usage_error("unknown operation " + std::string(positional[0]));
    if (positional.size() == 2) out.request_file = std::string(positional[1]);
    return out;
}

inline std::string read_request(const command_line& line) {
    if (!line.request_file) return std::string(line.op->example);
    if (*line.request_file == "-") return {std::istreambuf_iterator<char>(std::cin), {}};
    std::ifstream file(*line.request_file, std::ios::binary);
    if (!file) throw fatal("cannot read " + *line.request_file);
    return {std::istreambuf_iterator<char>(file), {}};
}

// Renders, signs, sends with `send(http)` (or `send(http, operation)`, for a client that paces
// its calls) and prints the outcome; the exit code.
template <class Send>
int run(const std::vector<std::string_view>& args, Send&& send) {
    const command_line line = parse_command_line(args);
    http_request http;
    if (const auto errors = line.op->prepare(read_request(line), line.endpoint, http); !errors.empty()) {
        std::cerr << errors.report() << '\n';
        return invalid_request;
    }
    if (line.show) show(http);
    if constexpr (std::is_invocable_v<Send&, const http_request&, const operation&>)
        return line.op->read(send(http, *line.op));
    else
        return line.op->read(send(http));
}

// The main() of an example: the command line, then run(); every failure becomes a message and an
// exit code.
template <class Send>
int program_main(std::string_view program, int argc, char** argv, Send&& send) {
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) return std::cout << usage_text(program), 0;
    try {
        return run(args, send);
    } catch (const usage_error& e) {
        std::cerr << program << ": " << e.what() << '\n' << usage_text(program);
    } catch (const std::exception& e) {  // fatal, or the system out of memory or sockets
        std::cerr << program << ": " << e.what() << '\n';
    }
    return failure;
}

}  // namespace examples
