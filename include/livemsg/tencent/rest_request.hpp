// SPDX-License-Identifier: BSL-1.0
// Tencent Cloud Chat REST API: POST https://{domain}/v4/{service}/{command}?sdkappid=..&identifier=..
// &usersig=..&random=..&contenttype=json with a JSON body, answered by
// {ActionStatus, ErrorCode, ErrorInfo, RequestId, ...}.
//
// The request side only: what a unit that renders calls needs, without Boost.JSON's parser or
// value type. rest.hpp adds parse_response.
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/endpoint_url.hpp>
#include <livemsg/core/enum.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/core/http_request.hpp>
#include <livemsg/core/integer.hpp>
#include <livemsg/core/json_writer.hpp>
#include <livemsg/core/open_enum.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/core/params.hpp>
#include <livemsg/core/secret.hpp>
#include <livemsg/core/string_field.hpp>
#include <livemsg/core/text.hpp>
#include <livemsg/core/validate.hpp>
#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/ostream.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace livemsg::tencent {

/// The data center of an application, which fixes the domain of its REST calls.
enum class region { china, singapore, seoul, tokyo, frankfurt, mumbai, silicon_valley, jakarta };
BOOST_DESCRIBE_ENUM(region, china, singapore, seoul, tokyo, frankfurt, mumbai, silicon_valley, jakarta)

/// The REST domain of a region; empty for a value outside the enumeration.
constexpr std::string_view domain(region r) noexcept {
    switch (r) {
        case region::china: return "console.tim.qq.com";
        case region::singapore: return "adminapisgp.im.qcloud.com";
        case region::seoul: return "adminapikr.im.qcloud.com";
        case region::tokyo: return "adminapijpn.im.qcloud.com";
        case region::frankfurt: return "adminapiger.im.qcloud.com";
        case region::mumbai: return "adminapiind.im.qcloud.com";
        case region::silicon_valley: return "adminapiusa.im.qcloud.com";
        case region::jakarta: return "adminapiidn.im.qcloud.com";
    }
    return {};
}

namespace detail {

constexpr bool is_domain_char(char c) noexcept { return livemsg::detail::is_ascii_alnum(c) || c == '-' || c == '.'; }

// 1 to 65535, in decimal digits.
constexpr bool is_port_number(std::string_view digits) noexcept {
    unsigned long number = 0;
    for (char d : digits)
        if (number <= 65535) number = number * 10 + static_cast<unsigned long>(d - '0');
    return !digits.empty() && number != 0 && number <= 65535;
}

// A host name with an optional ":port" and nothing else: no scheme, path or user. It reaches the
// request line and the Host header, so CR or LF in it is control_character.
struct domain_rule {
    static constexpr std::size_t max_bytes = 253;  // RFC 1035, before any ":port"
    static constexpr auto controls = rules::control_bytes::as_control_character;

    template <class Fail>
    static constexpr void check(std::string_view s, Fail&& fail) {
        if (s.empty()) return fail(error_code::empty, std::nullopt, 0);
        const std::size_t colon = s.find(':');
        const std::string_view host = s.substr(0, colon);
        if (host.size() > max_bytes) return fail(error_code::too_long, static_cast<std::int64_t>(max_bytes), host.size());
        if (!rules::check_each_byte<is_domain_char, controls>(host, fail)) return;
        if (host.empty()) return fail(error_code::empty, std::nullopt, 0);
        if (colon == std::string_view::npos) return;
        if (!rules::check_each_byte<livemsg::detail::is_ascii_digit, controls>(s, fail, colon + 1)) return;
        if (!is_port_number(s.substr(colon + 1))) fail(error_code::not_alphanumeric, std::nullopt, colon);
    }

    static std::string message(error_code code, std::optional<std::int64_t> limit, std::size_t at,
                               std::string_view s) {
        if (code == error_code::empty) return "must be a domain name, such as console.tim.qq.com";
        if (code == error_code::too_long)
            return "must be a domain name of at most " + std::to_string(limit.value_or(0)) + " bytes, got " +
                   std::to_string(at);
        return "must be a domain name with an optional :port, without scheme or path; " +
               livemsg::describe_byte(s, at);
    }
};

// Base64 with '+' '/' '=' spelled '*' '-' '_', as TLSSigAPIv2 writes a UserSig.
constexpr bool is_usersig_char(char c) noexcept {
    return livemsg::detail::is_ascii_alnum(c) || c == '*' || c == '-' || c == '_';
}

// A UserSig goes percent-encoded into the query, where no byte ends a line: CR and LF are
// not_alphanumeric like any other stray byte. It is a credential, so a message gives the offset only.
struct usersig_rule : rules::byte_set<is_usersig_char> {
    static std::string message(error_code, std::optional<std::int64_t>, std::size_t at, std::string_view) {
        return "must be a UserSig (ASCII letters, digits, '*', '-' and '_'); unexpected byte at " + std::to_string(at);
    }
};

}  // namespace detail

/// Where the calls go: a region's domain, or a domain given explicitly (a private deployment,
/// a proxy or a test server, "host" or "host:port"). Literals are checked while compiling.
class endpoint {
public:
    constexpr endpoint() noexcept = default;
    constexpr endpoint(tencent::region r) noexcept : static_host_(domain(r)), region_(r), set_(true) {}
    template <std::size_t N>
    consteval endpoint(const char (&literal)[N]) : static_host_(literal, N - 1), set_(true) {
        detail::domain_rule::check(static_host_, livemsg::detail::reject_literal{});
    }
    /// Runtime text, checked by validation (against the rule once, here).
    explicit endpoint(std::string_view host)
        : owned_host_(std::in_place, host),
          well_formed_(livemsg::detail::follows<detail::domain_rule>(host)),
          set_(true) {}
    /// A base URL checked by endpoint_url::parse: its scheme (http for a local server) and host.
    explicit endpoint(const endpoint_url& url)
        : owned_host_(std::in_place, url.host()), scheme_(url.scheme()), well_formed_(true), set_(true) {}

    constexpr bool has_value() const noexcept { return set_; }
    constexpr std::string_view host() const noexcept {
        return owned_host_ ? std::string_view(*owned_host_) : static_host_;
    }
    /// "https", or the scheme of the endpoint_url it was made from.
    constexpr std::string_view scheme() const noexcept { return scheme_; }
    /// The region it was made from, if it was.
    constexpr std::optional<tencent::region> region() const noexcept { return region_; }
    /// Whether the host follows domain_rule (a region's domain and a literal always do).
    constexpr bool well_formed() const noexcept { return well_formed_; }

    friend bool operator==(const endpoint& a, const endpoint& b) noexcept {
        return a.set_ == b.set_ && a.scheme_ == b.scheme_ && a.host() == b.host();
    }
    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const endpoint& e) { return os << e.host(); }

private:
    std::string_view static_host_{};  // a region's domain or a literal: static storage
    std::optional<std::string> owned_host_{};
    std::optional<tencent::region> region_{};
    std::string_view scheme_ = "https";  // static text
    bool well_formed_ = true;
    bool set_ = false;
};

/// A UserSig: the admin's password for REST calls. Printing it prints a mask.
/// A UserSig lives for days and is sent with every call: it is checked once, when made.
class user_sig {
public:
    user_sig() = default;
    explicit user_sig(secret value) noexcept
        : value_(std::move(value)), well_formed_(livemsg::detail::follows<detail::usersig_rule>(value_.reveal())) {}
    explicit user_sig(std::string value) noexcept : user_sig(secret(std::move(value))) {}

    std::string_view reveal() const noexcept { return value_.reveal(); }
    bool empty() const noexcept { return value_.empty(); }
    /// Whether it holds only the bytes a UserSig is written with (usersig_rule).
    bool well_formed() const noexcept { return well_formed_; }

    friend bool operator==(const user_sig& a, const user_sig& b) noexcept { return a.value_ == b.value_; }
    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const user_sig& s) { return os << s.value_; }

private:
    secret value_;
    bool well_formed_ = true;  // the empty UserSig breaks no byte rule; it is reported missing
};

/// An SDKAppID, from the Chat console: a positive 32-bit unsigned integer (uint32_t in
/// Tencent's own C++ UserSig library).
using sdk_app_id = integer<std::uint32_t, 1>;

/// Who calls the REST API, and where. The members after `domain` are the query parameters of
/// every call, by their wire names; `random` and `contenttype` are added per call.
struct rest_caller {
    endpoint domain{};              // the URL's host, not a parameter
    sdk_app_id sdkappid{};
    nonempty_text<> identifier{};   // an app admin account
    user_sig usersig{};             // that admin's UserSig
};
BOOST_DESCRIBE_STRUCT(rest_caller, (), (domain, sdkappid, identifier, usersig))

}  // namespace livemsg::tencent

namespace livemsg {

template <>
struct field_traits<tencent::endpoint> {
    static constexpr bool required = true;
    static constexpr bool can_be_unset = true;
    static constexpr bool is_set(const tencent::endpoint& e) noexcept { return e.has_value(); }
    static void check(const tencent::endpoint& e, reporter& c) {
        if (e.region() && e.host().empty())
            return c.report(error_code::not_one_of, "must be one of the regions: " + wire_choices<tencent::region>());
        if (!e.well_formed()) detail::report_rule<tencent::detail::domain_rule>(e.host(), c);
    }
    /// The domain is the URL's host: it writes no parameter.
    template <class Emit>
    static void write_params(const tencent::endpoint&, std::string_view, Emit&&) noexcept {}
};

template <>
struct field_traits<tencent::user_sig> {
    static constexpr bool required = true;
    static constexpr bool can_be_unset = true;
    static bool is_set(const tencent::user_sig& s) noexcept { return !s.empty(); }
    // The messages never quote the UserSig: it is a credential.
    static_assert(detail::rule_with_message<tencent::detail::usersig_rule>);
    static void check(const tencent::user_sig& s, reporter& c) {
        if (!s.well_formed()) detail::report_rule<tencent::detail::usersig_rule>(s.reveal(), c);
    }
    template <class Emit>
    static void write_params(const tencent::user_sig& s, std::string_view name, Emit&& emit) {
        emit(name, s.reveal());
    }
};

}  // namespace livemsg

namespace livemsg::tencent {

/// Compile-time facts of an operation: /v4/{service}/{command} and its documented rate.
struct rest_api {
    std::string_view service;
    std::string_view command;
    unsigned qps_limit;  // documented calls per second per account; 0: none documented
};

enum class action_status { OK, FAIL };
BOOST_DESCRIBE_ENUM(action_status, OK, FAIL)

/// What every REST response carries. Operations' responses derive from it.
struct rest_status {
    livemsg::optional<open_enum<action_status>> ActionStatus{};
    std::int64_t ErrorCode{};  // 0: success
    livemsg::optional<std::string> ErrorInfo{};
    livemsg::optional<std::string> RequestId{};

    bool failed() const noexcept {
        return ErrorCode != 0 || (ActionStatus && *ActionStatus == action_status::FAIL);
    }
};
BOOST_DESCRIBE_STRUCT(rest_status, (), (ActionStatus, ErrorCode, ErrorInfo, RequestId))

namespace detail {

template <class Op>
concept declares_result = requires { typename Op::result; };

template <class Op>
struct result_of {
    using type = typename Op::response;
};
template <declares_result Op>
struct result_of<Op> {
    using type = typename Op::result;
};

}  // namespace detail

/// A request struct of a REST operation: its members are the JSON body's fields, `api` names
/// the call, `response` is the body as sent. An operation may add `result`, what a success
/// means, made by `result::from(response&&)` (which may find a success body lacking what it
/// documents); without one, a success is its response as sent.
template <class Op>
concept rest_operation =
    livemsg::detail::described_struct<Op> && std::derived_from<typename Op::response, rest_status> &&
    requires { { Op::api } -> std::convertible_to<rest_api>; } &&
    (!detail::declares_result<Op> || requires(typename Op::response&& r) {
        { Op::result::from(std::move(r)) } -> std::same_as<checked<typename Op::result>>;
    });

/// What a success of `Op` is read into: its `result`, or else its `response`.
template <class Op>
using result_of = typename detail::result_of<Op>::type;

/// Validates `op` and `caller` and, when both are valid, writes the request into `out` (whose
/// storage is reused). `random` identifies this call: use a fresh one for every call
/// (signing.hpp's render() draws it from a CSPRNG).
template <rest_operation Op>
validation_errors render(const Op& op, const rest_caller& caller, std::uint32_t random, http_request& out) {
    validation_errors errors = validate(op);
    for (const violation& v : validate(caller)) errors.add(v);
    if (!errors.empty()) return errors;
    out.clear();
    out.method = "POST";
    out.scheme = caller.domain.scheme();
    out.host.assign(caller.domain.host());
    out.path.assign("/v4/");
    out.path += Op::api.service;
    out.path += '/';
    out.path += Op::api.command;
    for_each_param(caller, [&](std::string_view name, std::string_view value, auto unreserved) {
        if constexpr (unreserved) out.query.add_unreserved_value(name, value);
        else out.query.add(name, value);
    });
    char digits[24];
    out.query.add_unreserved_value("random", livemsg::detail::format_integer(random, digits));
    out.query.add_unreserved_value("contenttype", "json");
    out.content_type.assign("application/json");
    append_json(op, out.body);
    return errors;
}

template <rest_operation Op>
checked<http_request> render(const Op& op, const rest_caller& caller, std::uint32_t random) {
    http_request out;
    auto errors = render(op, caller, random, out);
    if (!errors.empty()) return errors;
    return out;
}

}  // namespace livemsg::tencent
