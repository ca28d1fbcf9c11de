// SPDX-License-Identifier: BSL-1.0
// Reading a vendor's JSON profile file for a credential source: a missing file is nothing to
// find, an unreadable or malformed one is a failure. Messages name the file and the reason,
// never its contents, which hold secrets.
#pragma once

#include <livemsg/core/credential_source.hpp>
#include <livemsg/core/environment.hpp>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace livemsg {

/// `relative` under the home directory ($HOME), or nullopt when HOME is not set.
inline std::optional<std::filesystem::path> home_file(const environment& env, std::string_view relative) {
    auto home = env.get("HOME");
    if (!home) return std::nullopt;
    return std::filesystem::path(*home) / std::filesystem::path(relative);
}

namespace detail {

/// A profile file's top-level object, or why there is none.
struct profile_json {
    lookup_status status = lookup_status::not_found;  // found: `object` holds the file
    boost::json::object object;
    std::string reason;
};

inline profile_json read_profile_json(const std::filesystem::path& path) {
    std::error_code ec;
    const auto type = std::filesystem::status(path, ec).type();
    if (type == std::filesystem::file_type::not_found) return {lookup_status::not_found, {}, "no such file"};
    if (ec) return {lookup_status::failed, {}, "cannot be read: " + ec.message()};
    if (type == std::filesystem::file_type::directory) return {lookup_status::failed, {}, "is a directory"};
    std::ifstream in(path, std::ios::binary);
    if (!in) return {lookup_status::failed, {}, "cannot be opened"};
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) return {lookup_status::failed, {}, "cannot be read"};
    boost::json::error_code parse_error;
    boost::json::value json = boost::json::parse(text, parse_error);
    if (parse_error) return {lookup_status::failed, {}, "is not valid JSON: " + parse_error.message()};
    if (!json.is_object()) return {lookup_status::failed, {}, "is not a JSON object"};
    return {lookup_status::found, std::move(json.as_object()), {}};
}

/// A member that must be a string when present: its text, nullopt when absent, null or
/// empty; `wrong_type` set when it is something else.
inline std::optional<std::string> string_member(const boost::json::object& o, std::string_view key,
                                                bool& wrong_type) {
    const boost::json::value* v = o.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_string()) {
        wrong_type = true;
        return std::nullopt;
    }
    if (v->as_string().empty()) return std::nullopt;
    return std::string(v->as_string());
}

}  // namespace detail

}  // namespace livemsg
