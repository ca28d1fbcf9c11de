// SPDX-License-Identifier: BSL-1.0
// livemsg: validate, render, sign and send requests, and read responses, from the command line.
#include "alibaba.hpp"
#include "cli.hpp"
#include "send.hpp"
#include "serve/credentials_file.hpp"
#include "serve/emulator.hpp"
#include "serve/http_server.hpp"
#include "serve/listen_address.hpp"
#include "serve/webhook_client.hpp"
#include "tencent.hpp"
#include "volcengine.hpp"

#include <livemsg/version.hpp>

#include <sys/stat.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace livemsg::cli;

// The options render and send share: where the request goes and how it is signed.
constexpr std::array<option_spec, 12> request_options = {{
    {"--endpoint", "URL", "the base URL to send to instead of the vendor's host (a proxy, a local\n"
                          "server): http[s]://HOST[:PORT]; the request is signed for its host;\n"
                          "Tencent: wins over --region"},
    {"--access-key-id", "ID", "Alibaba, Volcengine (or ALIBABA_CLOUD_ACCESS_KEY_ID, VOLC_ACCESSKEY)"},
    {"--access-key-secret", "SECRET", "Alibaba, Volcengine (or ALIBABA_CLOUD_ACCESS_KEY_SECRET, VOLC_SECRETKEY)"},
    {"--security-token", "TOKEN", "Alibaba (or ALIBABA_CLOUD_SECURITY_TOKEN)"},
    {"--signature-version", "v1|v3", "Alibaba (default v3)"},
    {"--session-token", "TOKEN", "Volcengine (or VOLC_SESSION_TOKEN)"},
    {"--region", "REGION", "Volcengine: cn-north-1 (default) or ap-singapore-1 (or VOLC_REGION);\n"
                           "Tencent: china (default), singapore, seoul, tokyo, frankfurt, mumbai,\n"
                           "silicon_valley, jakarta, or a domain (or TENCENT_IM_REGION)"},
    {"--sdkappid", "N", "Tencent (or TENCENT_IM_SDKAPPID)"},
    {"--identifier", "ID", "Tencent: the administrator account (or TENCENT_IM_IDENTIFIER)"},
    {"--secret-key", "KEY", "Tencent: a UserSig is generated with it (or TENCENT_IM_SECRET_KEY)"},
    {"--expire", "SECONDS", "Tencent: the generated UserSig's lifetime (default: 180 days)"},
    {"--usersig", "USERSIG", "Tencent: instead of --secret-key (or TENCENT_IM_USERSIG)"},
}};

// render's own: how it prints, and what makes its output reproducible (send signs each request
// with the time and a fresh nonce of its sending).
constexpr std::array<option_spec, 4> reproducible_options = {{
    {"--format", "http|curl|json", "the raw HTTP/1.1 request (default), a curl command, or JSON"},
    {"--timestamp", "YYYY-MM-DDTHH:MM:SSZ", "the time to sign with, and the UserSig's time (default: now)"},
    {"--nonce", "TEXT", "Alibaba: the nonce to sign with (default: random)"},
    {"--random", "N", "Tencent: the request's random number (default: random)"},
}};

constexpr std::array<option_spec, 8> sending_options = {{
    {"--limits", "local|URL", "pace every request to its operation's documented calls per second\n"
                              "and keep SendLiveMessageGroup's 30 message types per group: in this\n"
                              "process (local), or shared through Redis by every process that\n"
                              "sends for the account (redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]\n"
                              "or unix:///PATH[?db=N])"},
    {"--limits-account", "KEY", "the account the limits count by (default: the AccessKeyId, or\n"
                                "Tencent's SDKAppID)"},
    {"--limits-fail", "closed|open", "Redis unreachable: send nothing (closed, the default), or send\n"
                                     "within this process's share of the rate (open)"},
    {"--limits-timeout", "MS", "the wait for Redis's answer (default 50)"},
    {"--limits-instances", "N", "how many processes send for the account: each takes 1/N of the rate\n"
                                "with local, and with Redis when it fails open (default 1)"},
    {"--limits-wait", "SECONDS", "the longest wait for a slot; a request that would wait longer is\n"
                                 "refused (default 30)"},
    {"--connect-timeout", "SECONDS", "for resolving, connecting and the TLS handshake (default 5)"},
    {"--timeout", "SECONDS", "for each answer, from the request's first byte (default 30)"},
}};

template <std::size_t... N>
constexpr auto joined(const std::array<option_spec, N>&... parts) {
    std::array<option_spec, (N + ...)> out{};
    std::size_t i = 0;
    ((std::copy(parts.begin(), parts.end(), out.begin() + static_cast<std::ptrdiff_t>(i)), i += N), ...);
    return out;
}

constexpr auto render_options = joined(reproducible_options, request_options);
constexpr auto send_options = joined(request_options, sending_options);

constexpr option_spec parse_options[] = {
    {"--status", "N", "the response's HTTP status (default 200)"},
};

constexpr option_spec webhook_options[] = {
    {"--url", "URL", "the URL the webhook came to, with its query (required)"},
    {"--token", "TOKEN", "the app's callback token: checks Sign and RequestTime"},
    {"--now", "EPOCH_SECONDS", "the time to check RequestTime against (default: now)"},
};

constexpr option_spec serve_options[] = {
    {"--listen", "ADDR:PORT", "where to listen (default 127.0.0.1:0: port 0 picks a free one)"},
    {"--credentials", "FILE", "the accounts it accepts (JSON, see below; default: none)"},
    {"--keep", "N", "how many accepted messages to keep, oldest dropped first (default 10000)"},
    {"--read-timeout", "SECONDS", "a connection that takes longer to send a request is closed (default 10)"},
    {"--rate-limits", "on|off", "refuse calls past each operation's documented calls per second, counted per\n"
                              "account, as the vendors count them (default on)"},
    {"--tencent-webhook", "URL", "deliver send_text_msg's Before and After webhooks to this http:// URL, honouring\n"
                                 "the Before answer (allow, refuse, discard, a replacement)"},
    {"--tencent-webhook-token", "TOKEN", "the callback token: the webhook URLs carry RequestTime and Sign"},
};

constexpr std::string_view request_input =
    R"(The request is a JSON object with the vendor's field names, from FILE, or - for standard input.
Without FILE, it is read from standard input when that is a pipe or a file; when standard input
is a terminal or /dev/null, or holds only whitespace, the example from the vendor's page is used.
)";

// A command: how it is called, what it does, the options it accepts, and the rest of its --help.
struct command_spec {
    std::string_view name;
    std::string_view arguments;
    std::string_view summary;
    std::span<const option_spec> options;
    std::string_view details;
    std::string_view input = {};  // where the request comes from, for the commands that take one
};

constexpr command_spec commands[] = {
    {"list", "", "the operations, one per line", {}, "Prints the name of every operation, one per line.\n"},
    {"validate", "OP [FILE|-]", "check a request; exit 0 if valid, 1 if not", {},
     R"(Prints {"valid":true} and exits 0, or {"valid":false,"errors":[{"field","code","message"}...]}
with every violation and exits 1.
)",
     request_input},
    {"render", "OP [FILE|-] [options]", "print the request to send, signed with credentials", render_options,
     R"(Credentials come from the options, else the vendor's variables (Volcengine: VOLC_*, then
VOLCENGINE_*), else its profile file: Alibaba's ~/.aliyun/config.json or the file
ALIBABA_CLOUD_CONFIG_FILE names (the profile ALIBABA_CLOUD_PROFILE names, or its current one;
modes AK and StsToken), Volcengine's ~/.volc/config ({"ak","sk"}). Without credentials the
request is printed unsigned (Tencent: with the page's placeholders sdkappid=88888888,
identifier=admin, usersig=xxx), and stderr says so; a malformed file, or a partial set that no
later source makes up for, exits 2.
)",
     request_input},
    {"parse", "OP [FILE|-] [--status N]", "read a vendor response (HTTP status, default 200)", parse_options,
     R"(Reads a vendor's response body, from FILE, - or a pipe, and prints {"outcome":"sent",...},
{"outcome":"dropped",...}, {"outcome":"error","http_status","code","message","request_id","retryable"}
or {"outcome":"unreadable","errors":[...]}. Exit 0 sent, 4 dropped or error, 3 unreadable.
)"},
    {"send", "OP [FILE|-] [options]", "send requests; print each answer as parse does", send_options,
     R"(Sends the requests of FILE, - or a pipe: one JSON object, or several one after another (JSON
lines), in order, on one connection kept alive (opened again when the server has closed it; TLS
for https://, the server's certificate checked against the system's CA certificates and the host
name). Each request is made as render makes it, with the same credentials and --endpoint, and
signed just before it goes, after any wait for the limits, so that a wait never makes a
signature stale. Requests piped in are sent as they come. One line per request, in order:
  what parse prints for the answer: {"outcome":"sent",...}, "dropped", "error" (with
  "retry_after_ms" when Alibaba says when to come back) or "unreadable";
  {"outcome":"refused","errors":[{"field","code","message"}...]}: not sent. The request is invalid
  (the codes of validate), is its group's 31st MsgType (too_many_msg_types), found no slot within
  --limits-wait (rate_limited), or the limits could not be asked (limiter_unavailable);
  {"outcome":"transport_error","stage","message","retryable"}: no answer. "not_sent": the request
  never left (resolving, connecting, TLS); "maybe_delivered": it was written whole and the answer
  did not come (--timeout, a dropped connection), so the message may have landed: send it again
  with the same MsgTid (or the ID in its payload) so that receivers drop the copy.
A text that is not JSON ends the input: it is refused, and nothing after it is sent.
With --limits, a MsgType admitted for a SendLiveMessageGroup that the server did not store (not
sent, or a 4xx answer) is given back, and ErrorTooManyMsgTypes marks the group full.
Exit: as parse for the last request's answer (0 sent, 4 dropped or vendor error, 3 unreadable),
1 when the last request was refused, 5 when no answer came for it; 2 usage.
)"},
    {"webhook", "tencent [FILE|-] --url URL", "read a live room's webhook; --token checks it", webhook_options,
     R"(Reads a Tencent group message webhook (Group.CallbackBeforeSendMsg or
Group.CallbackAfterSendMsg): its body from FILE, - or a pipe, its query from --url. Prints
{"authentic","command","sdkappid","platform","room","type","sender","operator","texts",
"cloud_custom_data",...} with "msg_seq", "msg_time", "msg_id", "random", "event_time" when the
body has them. "authentic" is null without --token; when false, "reason" says why.
Exit 0 read (and authentic), 1 not authentic (whatever the body), 3 unreadable body
({"outcome":"unreadable","errors":[...]}), 2 without --url or with a URL whose query has no
SdkAppid (or SdkAppId: names in any case) and CallbackCommand.
)"},
    {"serve", "[--listen ADDR:PORT] [--credentials FILE] [--keep N]", "a local emulator of the five endpoints",
     serve_options,
     R"(Answers the five operations as the vendors do, whatever the Host header says: Alibaba's at
POST / (Action in the query or x-acs-action), Volcengine's at POST /?Action=P2PSendMessage,
Tencent's at /v4/live_engine_http_srv/send_text_msg. Signatures (Alibaba V1 and V3, Volcengine),
time windows, nonces, UserSigs, the documented limits and the parameters are checked; refusals
carry the vendor's error body and status. `livemsg render --endpoint http://ADDR:PORT` signs for it.
The first line on standard output is "listening on ADDR:PORT". GET /_livemsg/messages lists the
accepted messages ([{"vendor","operation","request_id","fields"}...]), DELETE clears them.
Stops on SIGINT or SIGTERM, exit 0. The credentials file:
{"alibaba":[{"access_key_id","access_key_secret"}],"volcengine":[{"access_key_id",
"secret_access_key"}],"tencent":[{"sdkappid","secret_key","identifier"}]}
With --tencent-webhook, each accepted send_text_msg is first POSTed to the app as
Group.CallbackBeforeSendMsg (the server waits up to 2 s, as Tencent does): ErrorCode 1 refuses
it (ErrorCode 10016 to the sender), 10100 to 10200 refuses it with that ErrorCode and the
answer's ErrorInfo to the sender, 2 discards it (the sender is told it was sent, nothing is
kept), 0 delivers it with the answer's MsgBody and CloudCustomData if given; no answer, or one
that cannot be read, delivers it as sent. A delivered message is kept and POSTed as
Group.CallbackAfterSendMsg.
)"},
};

std::string padded(std::string text, std::size_t width) {
    if (text.size() < width) text.resize(width, ' ');
    else text += "  ";
    return text;
}

std::string usage_text() {
    std::string out = "usage: livemsg <command> [arguments]\n\n";
    constexpr std::size_t summary_column = 48;
    for (const command_spec& c : commands) {
        const std::string call = "  livemsg " + std::string(c.name) + " " + std::string(c.arguments);
        out += padded(call, summary_column) + std::string(c.summary) + "\n";
    }
    out += padded("  livemsg --version", summary_column) + "the version of this tool\n\n";
    out += request_input;
    out += "`livemsg COMMAND --help` for details.\n"
           "Exit codes: 0 done, 1 invalid request or unauthentic webhook, 2 usage, 3 unreadable response or\n"
           "webhook body, 4 dropped or vendor error, 5 no answer (send).\n";
    return out;
}

std::string command_help(const command_spec& c) {
    std::string out = "usage: livemsg " + std::string(c.name);
    if (!c.arguments.empty()) out += " " + std::string(c.arguments);
    out += "\n\n";
    if (!c.options.empty()) {
        constexpr std::size_t description_column = 36;
        for (const option_spec& o : c.options) {
            std::string_view description = o.description;
            std::string line = padded("  " + std::string(o.name) + " " + std::string(o.value), description_column);
            for (auto newline = description.find('\n'); newline != std::string_view::npos;
                 newline = description.find('\n')) {
                out += line + std::string(description.substr(0, newline)) + "\n";
                line = std::string(description_column, ' ');
                description.remove_prefix(newline + 1);
            }
            out += line + std::string(description) + "\n";
        }
        out += "\n";
    }
    out += c.details;
    if (!c.input.empty()) out += "\n" + std::string(c.input);
    return out;
}

std::vector<std::string_view> command_names() {
    std::vector<std::string_view> names;
    for (const command_spec& c : commands) names.push_back(c.name);
    return names;
}

const command_spec& find_command(const std::string& name) {
    for (const command_spec& c : commands)
        if (c.name == name) return c;
    if (name.starts_with('-'))
        throw failure{usage, "unknown option '" + name + "'" + did_you_mean(name, {"--help", "--version"})};
    throw failure{usage, "unknown command '" + name + "'" + did_you_mean(name, command_names())};
}

std::vector<operation> all_operations() {
    std::vector<operation> ops;
    add_alibaba(ops);
    ops.push_back(tencent_send_text_msg());
    ops.push_back(volcengine_p2p_send_message());
    return ops;
}

const operation& find_operation(const std::vector<operation>& ops, std::string_view name) {
    for (const auto& op : ops)
        if (op.name == name) return op;
    throw failure{usage, "unknown operation '" + std::string(name) + "'; `livemsg list` shows them"};
}

std::string read_all(std::istream& in) {
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A pipe, socket or file on standard input was put there to be read; a terminal, /dev/null or a
// closed descriptor was not, and reading a terminal would wait for typing nobody intends.
bool stdin_is_redirected() {
    struct stat st {};
    if (fstat(STDIN_FILENO, &st) != 0) return false;
    return S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) || S_ISREG(st.st_mode);
}

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// The input from FILE, from `-`, or, without either, from redirected standard input; nullopt when
// there is none, or what was redirected holds only whitespace.
std::optional<std::string> read_input(const std::optional<std::string>& source) {
    if (!source) {
        if (!stdin_is_redirected()) return std::nullopt;
        std::string piped = read_all(std::cin);
        if (is_blank(piped)) return std::nullopt;
        return piped;
    }
    if (*source == "-") return read_all(std::cin);
    std::ifstream file(*source, std::ios::binary);
    if (!file) throw failure{usage, "cannot read " + *source};
    return read_all(file);
}

// Single-quoted for a POSIX shell.
std::string shell_quote(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

// Every header to send: Host and Content-Type from the request's fields, then the others.
std::vector<std::pair<std::string, std::string>> all_headers(const livemsg::http_request& r) {
    std::vector<std::pair<std::string, std::string>> out{{"Host", r.host}};
    if (!r.content_type.empty()) out.emplace_back("Content-Type", r.content_type);
    for (const auto& h : r.headers) out.emplace_back(h.name, h.value);
    return out;
}

void print_request(const livemsg::http_request& r, std::string_view format) {
    if (format == "json") {
        boost::json::object out;
        out["method"] = r.method;
        out["url"] = r.url();
        out["host"] = r.host;
        out["path"] = r.path;
        boost::json::array query, headers;
        for (const auto& p : r.query) query.push_back(boost::json::array{p.name, p.value});
        for (const auto& [name, value] : all_headers(r)) headers.push_back(boost::json::array{name, value});
        out["query"] = std::move(query);
        out["headers"] = std::move(headers);
        out["body"] = r.body;
        std::cout << boost::json::serialize(out) << '\n';
    } else if (format == "curl") {
        std::cout << "curl -X " << r.method << ' ' << shell_quote(r.url());
        for (const auto& [name, value] : all_headers(r))
            if (name != "Host") std::cout << " -H " << shell_quote(name + ": " + value);
        if (!r.body.empty()) std::cout << " --data-binary " << shell_quote(r.body);
        std::cout << '\n';
    } else if (format == "http") {
        std::cout << r.method << ' ' << r.target() << " HTTP/1.1\r\n";
        for (const auto& [name, value] : all_headers(r)) std::cout << name << ": " << value << "\r\n";
        if (r.method == "POST" || !r.body.empty()) std::cout << "Content-Length: " << r.body.size() << "\r\n";
        std::cout << "\r\n" << r.body;
    } else {
        throw failure{usage, "--format takes http, curl or json"};
    }
}

// HOST:PORT, or [IPv6]:PORT, resolved (serve/listen_address.hpp); a usage failure when it is
// neither, or when the host name does not resolve.
boost::asio::ip::tcp::endpoint listen_endpoint(const std::string& text) {
    const auto parsed = livemsg::serve::parse_listen_address(text);
    if (!parsed) throw failure{usage, "--listen takes ADDR:PORT, such as 127.0.0.1:8080 or [::1]:0, got " + text};
    boost::system::error_code ec;
    const auto endpoint = livemsg::serve::resolve_listen_address(*parsed.address, ec);
    if (ec) throw failure{usage, "--listen: cannot resolve " + parsed.address->host + ": " + ec.message()};
    return endpoint;
}

int serve(const std::vector<std::string>& positional, const options& o) {
    if (!positional.empty()) throw failure{usage, "serve takes no arguments, only options"};
    livemsg::serve::served_credentials accounts;
    if (auto file = o.get("--credentials")) {
        std::ifstream in(*file, std::ios::binary);
        if (!in) throw failure{usage, "cannot read " + *file};
        auto read = livemsg::serve::read_credentials_file(read_all(in));
        if (!read) throw failure{usage, *file + ": " + read.errors().report()};
        accounts = std::move(read).value();
    }
    livemsg::serve::emulator_options emulation;
    if (auto keep = detail::integer_option(o, "--keep", nullptr, 0, 100'000'000))
        emulation.keep = static_cast<std::size_t>(*keep);
    if (auto limits = o.get("--rate-limits")) {
        if (*limits != "on" && *limits != "off") throw failure{usage, "--rate-limits takes on or off, got " + *limits};
        emulation.rate_limits = *limits == "on";
    }
    if (auto url = o.get("--tencent-webhook")) {
        if (!livemsg::serve::http_url::parse(*url))
            throw failure{usage, "--tencent-webhook takes an http:// URL (HOST[:PORT][/PATH][?QUERY]), got " + *url};
        const std::string token = o.get("--tencent-webhook-token").value_or("");
        if (o.get("--tencent-webhook-token") && (token.empty() || token.size() > livemsg::tencent::webhook_token_max_bytes))
            throw failure{usage, "--tencent-webhook-token takes 1 to 128 bytes"};
        emulation.tencent_webhooks = livemsg::serve::tencent_webhook_options{
            *url, token, [](const livemsg::serve::webhook_call& call) { return livemsg::serve::post_webhook(call); }};
    } else if (o.get("--tencent-webhook-token")) {
        throw failure{usage, "--tencent-webhook-token needs --tencent-webhook"};
    }
    livemsg::serve::emulator emulator(std::move(accounts), emulation);
    std::optional<livemsg::serve::http_server> server;
    livemsg::serve::server_limits limits;
    if (auto seconds = detail::integer_option(o, "--read-timeout", nullptr, 1, 86400))
        limits.read_timeout = std::chrono::seconds(*seconds);
    try {
        server.emplace(listen_endpoint(o.get("--listen").value_or("127.0.0.1:0")), emulator, limits);
    } catch (const boost::system::system_error& e) {
        std::cerr << "livemsg: cannot listen: " << e.what() << '\n';
        return usage;
    }
    const auto at = server->local_endpoint();
    const std::string address = at.address().is_v6() ? "[" + at.address().to_string() + "]" : at.address().to_string();
    std::cout << "listening on " << address << ':' << at.port() << std::endl;
    server->run();
    return ok;
}

// The requests come from FILE, `-` or a pipe; there is no example to fall back on, which would
// send a message nobody wrote.
int send(const operation& op, const std::optional<std::string>& source, const options& o) {
    send_settings settings;
    if (auto s = detail::integer_option(o, "--connect-timeout", nullptr, 1, 3600))
        settings.timeouts.connect = std::chrono::seconds(*s);
    if (auto s = detail::integer_option(o, "--timeout", nullptr, 1, 3600)) settings.timeouts.answer = std::chrono::seconds(*s);
    settings.limits = limits_option(o);
    int fd = STDIN_FILENO;
    if (source && *source != "-") {
        fd = ::open(source->c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) throw failure{usage, "cannot read " + *source};
    } else if (!source && !stdin_is_redirected()) {
        throw failure{usage, "send needs requests: FILE, - or piped input"};
    }
    struct closer {
        int fd;
        ~closer() {
            if (fd != STDIN_FILENO) ::close(fd);
        }
    } close_input{fd};
    json_sequence in(fd);
    sender to(op, o, std::move(settings), std::cout);
    return to.run(in);
}

// A body piped in is read as for parse; there is no example to fall back on.
int webhook(const std::vector<std::string>& positional, const options& o) {
    if (positional.empty() || positional.size() > 2)
        throw failure{usage, "webhook takes a vendor (tencent) and an optional FILE"};
    if (positional[0] != "tencent")
        throw failure{usage, "unknown webhook vendor '" + positional[0] + "'; only tencent sends them"};
    const auto url = o.get("--url");
    if (!url) throw failure{usage, "webhook needs --url, the URL the webhook was posted to"};
    using std::chrono::system_clock;
    auto now = system_clock::now();
    // Bounded by what the clock holds (year 2262 with nanoseconds): beyond, the conversion overflows.
    const auto latest = std::chrono::duration_cast<std::chrono::seconds>(system_clock::duration::max()).count();
    if (auto seconds = detail::integer_option(o, "--now", nullptr, 0, latest))
        now = system_clock::time_point(std::chrono::seconds(*seconds));
    auto body = read_input(positional.size() == 2 ? std::optional(positional[1]) : std::nullopt);
    if (!body) throw failure{usage, "webhook needs a body: FILE, - or piped input"};
    auto answer = tencent_webhook(*url, *body, o.get("--token"), now);
    std::cout << boost::json::serialize(answer.json) << '\n';
    return answer.code;
}

int run(const std::vector<std::string>& args) {
    if (args.empty()) throw failure{usage, "a command is needed"};
    if (args[0] == "--help" || args[0] == "-h") return std::cout << usage_text(), ok;
    if (args[0] == "--version") return std::cout << "livemsg " LIVEMSG_VERSION_STRING "\n", ok;
    const command_spec& command = find_command(args[0]);
    const command_line line = parse_command_line(command.name, command.options, std::span(args).subspan(1));
    if (line.help) return std::cout << command_help(command), ok;
    const auto& positional = line.positional;
    if (command.name == "webhook") return webhook(positional, line.opts);
    if (command.name == "serve") return serve(positional, line.opts);
    const auto ops = all_operations();

    if (command.name == "list") {
        if (!positional.empty()) throw failure{usage, "list takes no arguments"};
        for (const auto& op : ops) std::cout << op.name << '\n';
        return ok;
    }
    if (positional.empty() || positional.size() > 2)
        throw failure{usage, std::string(command.name) + " takes OP and an optional FILE"};
    const operation& op = find_operation(ops, positional[0]);
    const auto source = positional.size() == 2 ? std::optional(positional[1]) : std::nullopt;

    if (command.name == "send") return send(op, source, line.opts);
    if (command.name == "validate") {
        auto errors = op.validate(read_input(source).value_or(std::string(op.example)));
        if (errors.empty()) return std::cout << R"({"valid":true})" << '\n', ok;
        std::cout << boost::json::serialize(errors_json(errors)) << '\n';
        return invalid;
    }
    if (command.name == "render") {
        const std::string format = line.opts.get("--format").value_or("http");
        const request_maker make = op.requests(line.opts);
        auto result = render_request(make, read_input(source).value_or(std::string(op.example)));
        if (auto* errors = std::get_if<livemsg::validation_errors>(&result)) {
            std::cout << boost::json::serialize(errors_json(*errors)) << '\n';
            return invalid;
        }
        const auto& out = std::get<rendered>(result);
        if (!out.is_signed) std::cerr << "livemsg: no credentials given; the request is not signed\n";
        print_request(out.request, format);
        return ok;
    }
    // parse
    int status = 200;
    if (auto s = line.opts.get("--status")) {
        try {
            std::size_t used = 0;
            status = std::stoi(*s, &used);
            if (used != s->size() || status < 100 || status > 599) throw std::invalid_argument(*s);
        } catch (const std::exception&) {
            throw failure{usage, "--status takes an HTTP status code, got " + *s};
        }
    }
    auto body = read_input(source);
    if (!body) throw failure{usage, "parse needs a response body: FILE, - or piped input"};
    auto answer = op.parse(status, *body, {});
    std::cout << boost::json::serialize(answer.json) << '\n';
    return answer.code;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const failure& f) {
        std::cerr << "livemsg: " << f.message << "\n\n" << usage_text();
        return f.code;
    }
}
