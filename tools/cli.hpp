// SPDX-License-Identifier: BSL-1.0
// The pieces of the livemsg tool that do not depend on a vendor: options, input, output.
#pragma once

#include <livemsg/core/call_limiter.hpp>
#include <livemsg/core/outcome.hpp>
#include <livemsg/core/vendor_error.hpp>
#include <livemsg/livemsg.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace livemsg::cli {

enum exit_code {
    ok = 0,
    invalid = 1,
    not_authentic = 1,
    usage = 2,
    unreadable = 3,
    vendor_failure = 4,
    transport_failure = 5,  // send: no answer came (not sent, or maybe delivered)
};

// Command-line options of a command, with fallbacks from the environment.
struct options {
    std::map<std::string, std::string, std::less<>> values;  // "--name" -> value

    std::optional<std::string> get(std::string_view name, const char* env = nullptr) const {
        if (auto it = values.find(name); it != values.end()) return it->second;
        if (env) return environment().get(env);
        return std::nullopt;
    }
};

// What the tool could not do, with its exit code.
struct failure {
    exit_code code;
    std::string message;
};

// An option that stands for a variable the library's credential sources read.
struct credential_option {
    std::string_view option;    // "--access-key-id"
    std::string_view variable;  // "ALIBABA_CLOUD_ACCESS_KEY_ID"
};

// The environment a vendor's credential chain reads: the options given, as the variables they
// stand for, over the process's environment. So options win, then the library's chain
// (variables, then the vendor's profile file) does the rest.
inline environment credential_environment(const options& o, std::span<const credential_option> stand_ins) {
    environment::variables given;
    for (const credential_option& c : stand_ins)
        if (auto it = o.values.find(c.option); it != o.values.end()) given.emplace(c.variable, it->second);
    return environment().overlaid_with(std::move(given));
}

// The credentials a chain found; nullopt when there is nothing anywhere (the request goes out
// unsigned); a usage failure saying what each source tried when one was unusable or had only
// part of a set. Credentials found after an incomplete source are used, as the vendors' chains
// do, and stderr says what was passed over.
template <class Credentials>
std::optional<Credentials> usable_credentials(credential_lookup<Credentials> found,
                                              std::span<const credential_option> stand_ins) {
    if (found) {
        const auto incomplete = [](const credential_attempt& a) { return a.status == lookup_status::incomplete; };
        if (std::ranges::any_of(found.attempts(), incomplete))
            std::cerr << "livemsg: an incomplete credential source was passed over: " << found.report() << '\n';
        return std::move(found).value();
    }
    if (found.status() == lookup_status::not_found) return std::nullopt;
    std::string hint;
    for (const credential_option& c : stand_ins) {
        if (!hint.empty()) hint += ", ";
        hint += std::string(c.option) + " stands for " + std::string(c.variable);
    }
    throw failure{usage, "no usable credentials: " + found.report() + " (" + hint + ")"};
}

// An option a command takes, as `--help` shows it: "--format http|curl|json   the raw ...".
struct option_spec {
    std::string_view name;         // "--format"
    std::string_view value;        // what it takes, "http|curl|json"
    std::string_view description;  // may span lines
};

// The Levenshtein distance between two short strings.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

// The name a typo most likely meant: the nearest one, at most 2 edits and a third of the longer
// name's length away (dashes aside), so that "--acces-key-id" finds "--access-key-id" and "--foo"
// finds nothing.
inline std::optional<std::string_view> closest_name(std::string_view given,
                                                    const std::vector<std::string_view>& names) {
    const auto bare = [](std::string_view s) { return s.substr(std::min(s.find_first_not_of('-'), s.size())); };
    std::optional<std::string_view> best;
    std::size_t best_distance = 3;
    for (std::string_view name : names) {
        const std::size_t distance = edit_distance(bare(given), bare(name));
        if (distance < best_distance && distance <= std::max(bare(given).size(), bare(name).size()) / 3) {
            best = name;
            best_distance = distance;
        }
    }
    return best;
}

// "; did you mean '--access-key-id'?" when a name is close, else nothing.
inline std::string did_you_mean(std::string_view given, const std::vector<std::string_view>& names) {
    if (auto name = closest_name(given, names)) return "; did you mean '" + std::string(*name) + "'?";
    return {};
}

// A command's arguments: OP and FILE, the options given, and whether --help was asked for.
struct command_line {
    std::vector<std::string> positional;
    options opts;
    bool help = false;
};

// Splits `args` (after the command's name) into positional arguments and options, accepting only
// the options the command takes: `--name value` or `--name=value`. `-` is a positional argument
// (standard input); any other argument starting with `-` is an option.
inline command_line parse_command_line(std::string_view command, std::span<const option_spec> accepted,
                                       std::span<const std::string> args) {
    std::vector<std::string_view> names;
    for (const option_spec& o : accepted) names.push_back(o.name);
    command_line line;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            line.help = true;
            continue;
        }
        if (arg == "-" || !arg.starts_with('-')) {
            line.positional.push_back(arg);
            continue;
        }
        const auto eq = arg.find('=');
        const std::string name = arg.substr(0, eq);
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            if (names.empty())
                throw failure{usage, std::string(command) + " takes no options, got '" + name + "'"};
            std::string hint = did_you_mean(name, names);
            if (hint.empty()) hint = "; `livemsg " + std::string(command) + " --help` lists the options";
            throw failure{usage, "unknown option '" + name + "' for " + std::string(command) + hint};
        }
        if (eq != std::string::npos) line.opts.values[name] = arg.substr(eq + 1);
        else if (i + 1 < args.size()) line.opts.values[name] = args[++i];
        else throw failure{usage, name + " needs a value"};
    }
    return line;
}

// The base URL of --endpoint (a proxy, a private deployment, a local server), or nullopt when
// not given; a usage failure that says what is wrong with it.
inline std::optional<endpoint_url> endpoint_option(const options& o) {
    auto text = o.get("--endpoint");
    if (!text) return std::nullopt;
    auto url = endpoint_url::parse(*text);
    if (!url) throw failure{usage, "--endpoint takes a base URL such as http://127.0.0.1:8080: " + url.errors().report()};
    return std::move(url).value();
}

// The time of --timestamp (YYYY-MM-DDTHH:MM:SSZ), or nullopt when not given.
inline std::optional<std::chrono::system_clock::time_point> parse_timestamp(const options& o) {
    auto text = o.get("--timestamp");
    if (!text) return std::nullopt;
    int y, mo, d, h, mi, s;
    char z = 0;
    if (text->size() != 20 ||
        std::sscanf(text->c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 || z != 'Z')
        throw failure{usage, "--timestamp takes YYYY-MM-DDTHH:MM:SSZ, got " + *text};
    using namespace std::chrono;
    const year_month_day day{year{y}, month{static_cast<unsigned>(mo)}, std::chrono::day{static_cast<unsigned>(d)}};
    if (!day.ok() || h > 23 || mi > 59 || s > 59) throw failure{usage, "--timestamp is not a valid time: " + *text};
    return sys_days{day} + hours{h} + minutes{mi} + seconds{s};
}

namespace detail {

// A whole number in [min, max] from an option, or a usage failure that names it.
inline std::optional<std::int64_t> integer_option(const options& o, std::string_view name, const char* env,
                                                  std::int64_t min, std::int64_t max) {
    auto text = o.get(name, env);
    if (!text) return std::nullopt;
    std::int64_t v = 0;
    const auto r = std::from_chars(text->data(), text->data() + text->size(), v);
    if (r.ec != std::errc() || r.ptr != text->data() + text->size() || v < min || v > max)
        throw failure{usage, std::string(name) + " takes a whole number from " + std::to_string(min) + " to " +
                                 std::to_string(max) + ", got " + *text};
    return v;
}

}  // namespace detail

// {"valid":false,"errors":[{"field":..,"code":..,"message":..}]}
inline boost::json::object errors_json(const validation_errors& errors) {
    boost::json::array list;
    for (const violation& v : errors) {
        boost::json::object e;
        e["field"] = v.field;
        e["code"] = to_string(v.code);
        e["message"] = v.message;
        if (v.limit) e["limit"] = *v.limit;
        list.push_back(std::move(e));
    }
    boost::json::object out;
    out["valid"] = false;
    out["errors"] = std::move(list);
    return out;
}

// The request as the tool prints it, and whether it was signed.
struct rendered {
    http_request request;
    bool is_signed = false;
};

// A request decoded and rendered for the options' endpoint, not yet signed: `send` signs it just
// before it goes, after any wait for a rate limit's slot, so that a wait never makes a signature
// stale (Alibaba's 15-minute window, a nonce per request). What render prints and send sends.
struct prepared {
    http_request request;
    // Signs `request` in place with a fresh time and nonce; empty when nothing is signed at
    // sending time (no credentials, or Tencent's UserSig, which is in the query already).
    std::function<validation_errors(http_request&)> sign;
    bool is_signed = false;  // signed once `sign` has run (Tencent: a UserSig was given or made)
    std::string account;     // what the vendor counts calls by: AccessKeyId, SDKAppID
    std::string_view operation;  // as the vendor counts it (operation_name<Op>())
    call_rate rate;              // the documented calls per second (documented_rate<Op>())
    // SendLiveMessageGroup's request, for the budget of 30 message types per group.
    std::optional<alibaba::SendLiveMessageGroup> group_message;
};

// Turns a request's JSON into a prepared request (or its errors), with what the options say:
// the endpoint, the region, the credentials, read once and kept for every request after.
// Throws failure (usage) for an option or credentials it cannot use.
using request_maker = std::function<std::variant<prepared, validation_errors>(std::string_view input)>;

// What a vendor answered, as the tool prints it.
struct parsed {
    boost::json::object json;
    exit_code code;
};

// A parsed vendor response printed as {"outcome":"sent", ...the typed fields by wire name...}.
template <class Response>
boost::json::object sent_json(const Response& response) {
    boost::json::object out;
    out["outcome"] = "sent";
    const boost::json::value fields = boost::json::parse(to_json(response));
    for (const auto& [key, value] : fields.as_object()) out[key] = value;
    return out;
}

// The vendor's code as the vendor sends it: a number where the code is one (Tencent's
// ErrorCode, 0 when the body had none), else its text.
template <vendor_error E>
boost::json::value code_json(const E& e) {
    if constexpr (std::integral<decltype(E::code)>) return boost::json::value(e.code);
    else return boost::json::string(e.code_text());
}

// {"outcome":"error","http_status","code","message","request_id","retryable"}, and
// "retry_after_ms" when the vendor said when to come back (Alibaba's x-acs-retry-after).
template <vendor_error E>
parsed error_json(const E& e) {
    boost::json::object out;
    out["outcome"] = "error";
    out["http_status"] = e.http_status;
    out["code"] = code_json(e);
    out["message"] = e.message;
    out["request_id"] = e.request_id;
    out["retryable"] = e.retryable();
    if (const auto after = e.retry_after()) out["retry_after_ms"] = after->count();
    return {std::move(out), vendor_failure};
}

inline boost::json::object unreadable_json(const validation_errors& errors) {
    boost::json::object out = errors_json(errors);
    out.erase("valid");
    out["outcome"] = "unreadable";
    return out;
}

// Any vendor's answer: `on_result` prints a result, the rest is printed alike for every vendor.
template <class Result, vendor_error E, class OnResult>
parsed answer_json(const outcome<Result, E>& answer, OnResult&& on_result) {
    if (const Result* r = answer.result()) return on_result(*r);
    if (const E* e = answer.error()) return error_json(*e);
    return {unreadable_json(*answer.unreadable()), unreadable};
}

// A result printed as {"outcome":"sent", ...its fields...}.
template <class Result, vendor_error E>
parsed answer_json(const outcome<Result, E>& answer) {
    return answer_json(answer, [](const Result& r) { return parsed{sent_json(r), ok}; });
}

// One operation of one vendor.
struct operation {
    std::string_view name;
    std::string_view example;  // the vendor page's example request, as JSON
    std::function<validation_errors(std::string_view input)> validate;
    // The requests of render and send, made with these options (which must outlive the maker).
    std::function<request_maker(const options&)> requests;
    // The answer's HTTP status, body and x-acs-retry-after header (empty when absent).
    std::function<parsed(int status, std::string_view body, std::string_view retry_after)> parse;
};

// The request, prepared and signed: what render prints. Errors when the input is invalid or
// signing refused it.
inline std::variant<rendered, validation_errors> render_request(const request_maker& make, std::string_view input) {
    auto made = make(input);
    if (auto* errors = std::get_if<validation_errors>(&made)) return std::move(*errors);
    prepared& p = std::get<prepared>(made);
    if (p.sign)
        if (auto errors = p.sign(p.request); !errors.empty()) return errors;
    return rendered{std::move(p.request), p.is_signed};
}

// A value computed once, the first time it is asked for: credentials read after the first
// request decoded and rendered, as render always did, and then kept for the requests after.
template <class T>
class computed_once {
public:
    template <class F>
    const T& get(F&& compute) {
        if (!value_) value_.emplace(std::forward<F>(compute)());
        return *value_;
    }

private:
    std::optional<T> value_;
};

template <class Request>
validation_errors validate_input(std::string_view input) {
    auto decoded = decode_json<Request>(input);
    return decoded ? validation_errors() : decoded.errors();
}

}  // namespace livemsg::cli
