// SPDX-License-Identifier: BSL-1.0
// What a credential source found, and a chain that asks several sources in turn. A source
// finds credentials; finds nothing, or only part of a set (a key id without its secret), and
// the chain goes on to the next; or fails, and the chain stops.
//
// Part of a set goes on because the vendors' chains go on: aliyun/credentials-go,
// credentials/providers/default.go (`continue` after any provider's error, the environment's
// "Access key secret must be specified" among them); volcengine/volc-sdk-golang, base/client.go
// (the variables only when both are set, else ~/.volc/config); volcengine/volcengine-go-sdk,
// volcengine/credentials/chain_provider.go; TencentCloud/tencentcloud-sdk-go,
// tencentcloud/common/provider_chain.go (an unset variable is envNotSet: `continue`). The
// report keeps the incomplete source, so that a typo in a variable's name is still seen.
//
// A malformed profile file stops the chain, as in tencentcloud-sdk-go's (only envNotSet,
// fileDoseNotExist and noCvmRole pass). Alibaba's and volcengine-go-sdk's chains go on after
// it too, but a file someone wrote and broke is a mistake to report, not a reason to sign with
// other credentials; in livemsg's default chains the file is the last source anyway.
#pragma once

#include <livemsg/detail/ostream.hpp>

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livemsg {

/// Thrown when credentials were asked for and none could be had; what() says what each
/// source tried. It never holds a secret.
class credential_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// How one source's attempt ended.
enum class lookup_status {
    found,       ///< credentials, ready to use
    not_found,   ///< nothing there: the next source is asked
    incomplete,  ///< part of a set (an id without its secret): the next source is asked, the report keeps it
    failed,      ///< something there but unusable: the chain stops
};

constexpr std::string_view to_string(lookup_status s) noexcept {
    switch (s) {
        case lookup_status::found: return "found";
        case lookup_status::not_found: return "not found";
        case lookup_status::incomplete: return "incomplete";
        case lookup_status::failed: return "failed";
    }
    return "unknown";
}

/// One source's attempt: "environment: not found (ALIBABA_CLOUD_ACCESS_KEY_ID is not set)".
struct credential_attempt {
    std::string source;  ///< "environment", or a profile file's path
    lookup_status status = lookup_status::not_found;
    std::string reason;  ///< why nothing was found, or what was wrong; empty when found

    /// "source: status (reason)", as operator<< prints it.
    std::string text() const {
        std::string out = source;
        out += ": ";
        out += to_string(status);
        if (!reason.empty()) out.append(" (").append(reason).append(")");
        return out;
    }

    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const credential_attempt& a) {
        return os << a.text();
    }
};

/// The credentials a source or a chain found, with every attempt made, in order.
template <class Credentials>
class credential_lookup {
public:
    /// `source` found `value`.
    static credential_lookup found(std::string source, Credentials value) {
        credential_lookup r;
        r.value_ = std::move(value);
        r.attempts_.push_back({std::move(source), lookup_status::found, {}});
        return r;
    }
    /// Nothing at `source`: the next source is asked.
    static credential_lookup not_found(std::string source, std::string reason) {
        credential_lookup r;
        r.attempts_.push_back({std::move(source), lookup_status::not_found, std::move(reason)});
        return r;
    }
    /// Part of a set at `source` (`reason` names what is missing): the next source is asked.
    static credential_lookup incomplete(std::string source, std::string reason) {
        credential_lookup r;
        r.attempts_.push_back({std::move(source), lookup_status::incomplete, std::move(reason)});
        return r;
    }
    /// Something unusable at `source`: the search stops here.
    static credential_lookup failed(std::string source, std::string reason) {
        credential_lookup r;
        r.attempts_.push_back({std::move(source), lookup_status::failed, std::move(reason)});
        return r;
    }

    /// How the search ended: found; failed (the last source stopped it); incomplete (no source
    /// had credentials, and one had part of a set); not_found (nothing anywhere).
    lookup_status status() const noexcept {
        if (value_) return lookup_status::found;
        if (!attempts_.empty() && attempts_.back().status == lookup_status::failed) return lookup_status::failed;
        for (const credential_attempt& a : attempts_)
            if (a.status == lookup_status::incomplete) return lookup_status::incomplete;
        return lookup_status::not_found;
    }
    bool has_value() const noexcept { return value_.has_value(); }
    explicit operator bool() const noexcept { return has_value(); }
    bool is_failed() const noexcept { return status() == lookup_status::failed; }

    /// The credentials; throws credential_error with report() when there are none.
    const Credentials& value() const& {
        if (!value_) throw credential_error("livemsg: no credentials: " + report());
        return *value_;
    }
    Credentials&& value() && {
        if (!value_) throw credential_error("livemsg: no credentials: " + report());
        return std::move(*value_);
    }
    const Credentials& operator*() const& noexcept { return *value_; }
    const Credentials* operator->() const noexcept { return &*value_; }

    /// Where the credentials came from; empty when there are none.
    std::string_view source() const noexcept {
        return has_value() ? std::string_view(attempts_.back().source) : std::string_view();
    }
    const std::vector<credential_attempt>& attempts() const noexcept { return attempts_; }

    /// Every attempt, "; "-separated. Names sources and variables, never a secret.
    std::string report() const {
        if (attempts_.empty()) return "no source was tried";
        std::string out;
        for (const credential_attempt& a : attempts_) out.append(&a == attempts_.data() ? "" : "; ").append(a.text());
        return out;
    }

    /// An earlier source's attempts, before this one's.
    void prepend(std::vector<credential_attempt> earlier) {
        earlier.insert(earlier.end(), std::make_move_iterator(attempts_.begin()),
                       std::make_move_iterator(attempts_.end()));
        attempts_ = std::move(earlier);
    }

    /// The report, and the credentials as their own operator<< prints them (masked).
    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const credential_lookup& r) {
        os << r.report();
        if (r.value_) os << ": " << *r.value_;
        return os;
    }

private:
    std::optional<Credentials> value_;
    std::vector<credential_attempt> attempts_;
};

/// Sources asked in order until one finds credentials or fails; one that finds nothing or
/// part of a set passes to the next.
template <class Credentials>
class credential_chain {
public:
    using source = std::function<credential_lookup<Credentials>()>;

    credential_chain() = default;
    credential_chain(std::initializer_list<source> sources) : sources_(sources) {}

    /// Adds a source after the others.
    credential_chain& then(source s) {
        sources_.push_back(std::move(s));
        return *this;
    }

    /// The first source's credentials, or the first failure, with the attempts before it; or,
    /// when no source had them, every attempt (status incomplete or not_found).
    credential_lookup<Credentials> operator()() const {
        if (sources_.empty()) return credential_lookup<Credentials>::not_found("credential chain", "it has no sources");
        std::vector<credential_attempt> tried;
        for (std::size_t i = 0;; ++i) {
            credential_lookup<Credentials> r = sources_[i]();
            const lookup_status status = r.status();
            if (status == lookup_status::found || status == lookup_status::failed || i + 1 == sources_.size()) {
                r.prepend(std::move(tried));
                return r;
            }
            tried.insert(tried.end(), r.attempts().begin(), r.attempts().end());
        }
    }

private:
    std::vector<source> sources_;
};

}  // namespace livemsg
