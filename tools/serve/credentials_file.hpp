// SPDX-License-Identifier: BSL-1.0
// The accounts the emulator accepts, from a JSON file:
// {"alibaba":[{"access_key_id","access_key_secret"}], "volcengine":[{"access_key_id",
//  "secret_access_key"}], "tencent":[{"sdkappid","secret_key","identifier"}]}.
#pragma once

#include <livemsg/alibaba/credentials.hpp>
#include <livemsg/core/checked.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/tencent/credentials.hpp>
#include <livemsg/volcengine/credentials.hpp>

#include <boost/json.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace livemsg::serve {

/// Every account the emulator knows, by vendor.
struct served_credentials {
    std::vector<alibaba::credentials> alibaba;
    std::vector<volcengine::credentials> volcengine;
    std::vector<tencent::admin_credentials> tencent;  // sdkappid, identifier (the admin), secret_key

    const alibaba::credentials* alibaba_key(std::string_view id) const noexcept {
        for (const auto& c : alibaba)
            if (c.access_key_id == id) return &c;
        return nullptr;
    }
    const volcengine::credentials* volcengine_key(std::string_view id) const noexcept {
        for (const auto& c : volcengine)
            if (c.access_key_id == id) return &c;
        return nullptr;
    }
    const tencent::admin_credentials* tencent_app(std::int64_t sdkappid) const noexcept {
        for (const auto& c : tencent)
            if (c.sdkappid == sdkappid) return &c;
        return nullptr;
    }
};

namespace detail {

// The non-empty string at `key` of `entry`, or an error under `at.key`.
inline std::string required_text(const boost::json::object& entry, std::string_view key, const std::string& at,
                                 validation_errors& errors) {
    const auto* v = entry.if_contains(key);
    if (!v || !v->is_string() || v->as_string().empty()) {
        errors.add({at + "." + std::string(key), v ? error_code::wrong_type : error_code::missing,
                    "must be a non-empty string", std::nullopt});
        return {};
    }
    return std::string(v->as_string());
}

// fn(entry, "vendor[i]") for each object of the array at `vendor`.
template <class Fn>
void for_each_account(const boost::json::object& file, std::string_view vendor, validation_errors& errors, Fn&& fn) {
    const auto* list = file.if_contains(vendor);
    if (!list) return;
    if (!list->is_array()) {
        errors.add({std::string(vendor), error_code::wrong_type, "must be an array of accounts", std::nullopt});
        return;
    }
    for (std::size_t i = 0; i < list->as_array().size(); ++i) {
        const std::string at = std::string(vendor) + "[" + std::to_string(i) + "]";
        const auto& entry = list->as_array()[i];
        if (!entry.is_object()) {
            errors.add({at, error_code::wrong_type, "must be an object", std::nullopt});
            continue;
        }
        fn(entry.as_object(), at);
    }
}

}  // namespace detail

/// The accounts in `json`, or every problem with it. Keys other than the three vendors are refused,
/// so that a misspelled vendor does not leave its accounts out unnoticed.
inline checked<served_credentials> read_credentials_file(std::string_view json) {
    validation_errors errors("credentials file");
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(json, ec);
    if (ec || !parsed.is_object()) {
        errors.add({"", ec ? error_code::not_json : error_code::wrong_type,
                    ec ? "is not valid JSON: " + ec.message() : "must be a JSON object", std::nullopt});
        return errors;
    }
    const auto& file = parsed.as_object();
    for (const auto& [key, ignored] : file)
        if (key != "alibaba" && key != "volcengine" && key != "tencent")
            errors.add({std::string(key), error_code::unknown_field, "is not alibaba, volcengine or tencent",
                        std::nullopt});
    served_credentials out;
    detail::for_each_account(file, "alibaba", errors, [&](const boost::json::object& e, const std::string& at) {
        out.alibaba.push_back({detail::required_text(e, "access_key_id", at, errors),
                               secret(detail::required_text(e, "access_key_secret", at, errors)), {}});
    });
    detail::for_each_account(file, "volcengine", errors, [&](const boost::json::object& e, const std::string& at) {
        out.volcengine.push_back({detail::required_text(e, "access_key_id", at, errors),
                                  secret(detail::required_text(e, "secret_access_key", at, errors)), {}});
    });
    detail::for_each_account(file, "tencent", errors, [&](const boost::json::object& e, const std::string& at) {
        tencent::admin_credentials admin;
        const auto* id = e.if_contains("sdkappid");
        if (id && id->is_int64() && id->as_int64() > 0 && id->as_int64() <= std::numeric_limits<std::uint32_t>::max())
            admin.sdkappid = static_cast<std::uint32_t>(id->as_int64());
        else
            errors.add({at + ".sdkappid", id ? error_code::out_of_range : error_code::missing,
                        "must be a whole number from 1 to 4294967295", std::nullopt});
        admin.identifier = detail::required_text(e, "identifier", at, errors);
        admin.secret_key = secret(detail::required_text(e, "secret_key", at, errors));
        out.tencent.push_back(std::move(admin));
    });
    if (!errors.empty()) return errors;
    return out;
}

}  // namespace livemsg::serve
