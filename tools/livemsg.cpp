// livemsg: validate, render and sign requests, and read responses, from the command line.
#include "alibaba.hpp"
#include "cli.hpp"
#include "tencent.hpp"
#include "volcengine.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace livemsg::cli;

constexpr std::string_view usage_text = R"(usage: livemsg <command> [arguments]

  livemsg list                                  the operations, one per line
  livemsg validate OP [FILE|-]                  check a request; exit 0 if valid, 1 if not
  livemsg render OP [FILE|-] [options]          print the request to send, signed with credentials
  livemsg parse OP [FILE|-] [--status N]        read a vendor response (HTTP status, default 200)

A request is a JSON object with the vendor's field names; FILE, or - for standard input;
without either, the example from the vendor's page. `livemsg COMMAND --help` for details.
Exit codes: 0 done, 1 invalid request, 2 usage, 3 unreadable response, 4 dropped or vendor error.
)";

constexpr std::string_view render_help = R"(usage: livemsg render OP [FILE|-] [options]

  --format http|curl|json     the raw HTTP/1.1 request (default), a curl command, or JSON
  --timestamp YYYY-MM-DDTHH:MM:SSZ   the time to sign with (default: now)
  --nonce TEXT                the nonce to sign with (default: random)
Alibaba:     --access-key-id, --access-key-secret, --security-token, --signature-version v1|v3 (default v3)
             (or ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN)
Volcengine:  --access-key-id, --access-key-secret, --session-token, --region cn-north-1|ap-singapore-1
             (or VOLC_ACCESSKEY, VOLC_SECRETKEY, VOLC_SESSION_TOKEN, VOLC_REGION)
Tencent:     --sdkappid, --identifier, and --secret-key (a UserSig is generated; --expire SECONDS)
             or --usersig; --region china|singapore|seoul|tokyo|frankfurt|mumbai|silicon_valley|jakarta
             or a domain; --random N (default: random)  (or TENCENT_IM_SDKAPPID, TENCENT_IM_IDENTIFIER,
             TENCENT_IM_SECRET_KEY, TENCENT_IM_USERSIG, TENCENT_IM_REGION)
--timestamp is also the UserSig's time. Without credentials the request is printed unsigned
(Tencent: with the page's placeholders sdkappid=88888888, identifier=admin, usersig=xxx), and
stderr says so.
)";

constexpr std::string_view validate_help = R"(usage: livemsg validate OP [FILE|-]

Prints {"valid":true} and exits 0, or {"valid":false,"errors":[{"field","code","message"}...]}
with every violation and exits 1.
)";

constexpr std::string_view parse_help = R"(usage: livemsg parse OP [FILE|-] [--status N]

Reads a vendor's response body and prints {"outcome":"sent",...}, {"outcome":"dropped",...},
{"outcome":"error","http_status","code","message","request_id","retryable"} or
{"outcome":"unreadable","errors":[...]}. Exit 0 sent, 4 dropped or error, 3 unreadable.
)";

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

std::string read_input(const std::optional<std::string>& source, std::string_view example) {
    if (!source) return std::string(example);
    if (*source == "-") return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    std::ifstream file(*source, std::ios::binary);
    if (!file) throw failure{usage, "cannot read " + *source};
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
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

int run(std::vector<std::string> args) {
    if (args.empty()) throw failure{usage, "a command is needed"};
    if (args[0] == "--help" || args[0] == "-h") return std::cout << usage_text, ok;
    const std::string command = args[0];
    std::vector<std::string> positional;
    options opts;
    bool help = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") help = true;
        else if (a.rfind("--", 0) == 0) {
            if (const auto eq = a.find('='); eq != std::string::npos) opts.values[a.substr(0, eq)] = a.substr(eq + 1);
            else if (i + 1 < args.size()) opts.values[a] = args[++i];
            else throw failure{usage, a + " needs a value"};
        } else positional.push_back(a);
    }
    const auto ops = all_operations();

    if (command == "list") {
        if (help) return std::cout << "usage: livemsg list\n", ok;
        if (!positional.empty()) throw failure{usage, "list takes no arguments"};
        for (const auto& op : ops) std::cout << op.name << '\n';
        return ok;
    }
    if (command != "validate" && command != "render" && command != "parse")
        throw failure{usage, "unknown command '" + command + "'"};
    if (help) {
        std::cout << (command == "validate" ? validate_help : command == "render" ? render_help : parse_help);
        return ok;
    }
    if (positional.empty() || positional.size() > 2) throw failure{usage, command + " takes OP and an optional FILE"};
    const operation& op = find_operation(ops, positional[0]);
    const auto source = positional.size() == 2 ? std::optional(positional[1]) : std::nullopt;

    if (command == "validate") {
        if (!opts.values.empty()) throw failure{usage, "validate takes no options"};
        auto errors = op.validate(read_input(source, op.example));
        if (errors.empty()) return std::cout << R"({"valid":true})" << '\n', ok;
        std::cout << boost::json::serialize(errors_json(errors)) << '\n';
        return invalid;
    }
    if (command == "render") {
        const std::string format = opts.get("--format").value_or("http");
        auto result = op.render(read_input(source, op.example), opts);
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
    if (auto s = opts.get("--status")) {
        try {
            std::size_t used = 0;
            status = std::stoi(*s, &used);
            if (used != s->size() || status < 100 || status > 599) throw std::invalid_argument(*s);
        } catch (const std::exception&) {
            throw failure{usage, "--status takes an HTTP status code, got " + *s};
        }
    }
    if (!source) throw failure{usage, "parse needs a response body: FILE or -"};
    auto answer = op.parse(status, read_input(source, {}));
    std::cout << boost::json::serialize(answer.json) << '\n';
    return answer.code;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const failure& f) {
        std::cerr << "livemsg: " << f.message << "\n\n" << usage_text;
        return f.code;
    }
}
