// SPDX-License-Identifier: BSL-1.0
// Where credential sources read variables from: the process environment by default, or a
// function or a fixed map, so that tests and tools can supply their own without setenv.
#pragma once

#include <livemsg/core/credential_source.hpp>
#include <livemsg/core/secret.hpp>
#include <livemsg/detail/wipe.hpp>

#include <cstddef>
#include <cstdlib>
#include <initializer_list>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livemsg {

/// A read-only view of environment variables. A variable set to the empty string counts as
/// unset, as Alibaba's and Volcengine's SDKs treat it (`== ""`). tencentcloud-sdk-go reports
/// one set to "" as an error instead, but livemsg's TENCENT_IM_* names are its own.
class environment {
public:
    /// Returns a variable's value, or nullopt when it is not set.
    using lookup_function = std::function<std::optional<std::string>(std::string_view name)>;
    /// Variables by name, for environment::of.
    using variables = std::map<std::string, std::string, std::less<>>;

    /// The process environment, read with std::getenv.
    environment() : lookup_(process_lookup) {}

    /// Variables from `lookup`.
    explicit environment(lookup_function lookup) : lookup_(std::move(lookup)) {}

    /// Exactly `vars`, nothing from the process.
    static environment of(variables vars) {
        return environment([vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
            if (auto it = vars.find(name); it != vars.end()) return it->second;
            return std::nullopt;
        });
    }

    /// `over` first, then this environment: what a command line's options do to variables.
    environment overlaid_with(variables over) const {
        return environment([over = std::move(over), under = lookup_](std::string_view name) -> std::optional<std::string> {
            if (auto it = over.find(name); it != over.end()) return it->second;
            return under(name);
        });
    }

    /// The variable's value; nullopt when it is unset or empty.
    std::optional<std::string> get(std::string_view name) const {
        auto value = lookup_(name);
        if (value && value->empty()) return std::nullopt;
        return value;
    }

private:
    static std::optional<std::string> process_lookup(std::string_view name) {
        const std::string key(name);  // getenv needs a terminated string
        if (const char* value = std::getenv(key.c_str())) return std::string(value);
        return std::nullopt;
    }

    lookup_function lookup_;
};

namespace detail {

// A set of variables read together, and whether the set is whole.
struct variable_set {
    std::vector<std::optional<std::string>> values;  // in the order asked for
    bool any_set = false;
    // "VOLC_SECRETKEY is not set, but VOLC_ACCESSKEY is" when some are set and a required one
    // is not; else empty.
    std::string missing;

    variable_set() = default;
    variable_set(variable_set&&) = default;  // the vector moves its buffer: nothing is copied
    // Secrets not moved out are not left behind in freed memory.
    ~variable_set() {
        for (auto& value : values)
            if (value) wipe(*value);
    }
};

// Reads `names`, of which the first `required` must all be set once any of them is.
inline variable_set read_variables(const environment& env, std::initializer_list<std::string_view> names,
                                   std::size_t required) {
    variable_set out;
    std::string_view a_set_one, missing;
    std::size_t i = 0;
    for (std::string_view name : names) {
        out.values.push_back(env.get(name));
        if (out.values.back()) {
            out.any_set = true;
            if (a_set_one.empty()) a_set_one = name;
        } else if (i < required && missing.empty()) {
            missing = name;
        }
        ++i;
    }
    if (out.any_set && !missing.empty())
        out.missing = std::string(missing) + " is not set, but " + std::string(a_set_one) + " is";
    return out;
}

// Credentials{id, secret, token} from the variables named `id`, `key` and `token` (the token
// optional), found at `source`: not_found when none is set, incomplete (naming the one
// missing) when the id or the key is not.
template <class Credentials>
credential_lookup<Credentials> key_pair_from_environment(const environment& env, std::string source, std::string_view id,
                                                         std::string_view key, std::string_view token) {
    using lookup = credential_lookup<Credentials>;
    auto vars = read_variables(env, {id, key, token}, 2);
    if (!vars.any_set) return lookup::not_found(std::move(source), std::string(id) + " is not set");
    if (!vars.missing.empty()) return lookup::incomplete(std::move(source), vars.missing);
    return lookup::found(std::move(source), Credentials{std::move(*vars.values[0]), secret(std::move(*vars.values[1])),
                                                        secret(std::move(vars.values[2]).value_or(""))});
}

}  // namespace detail

}  // namespace livemsg
