// SPDX-License-Identifier: BSL-1.0
// `livemsg send`: the requests of a file or a pipe (JSON texts one after another), each made as
// render makes it, passed through the limits when asked, signed just before it goes, sent on one
// kept-alive connection, and its answer printed as parse prints it, one line per request.
#pragma once

#include "cli.hpp"
#include "http_client.hpp"
#include "send_limits.hpp"

#include <boost/json.hpp>

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace livemsg::cli {

/// The JSON texts of an input, one after another with any whitespace between (JSON lines, say),
/// read as they come: a request piped in is sent before the next one is written. Each text is
/// given as it was, for the decoder render uses.
class json_sequence {
public:
    static constexpr std::size_t max_text_bytes = 8 << 20;  // far above any request a vendor takes

    explicit json_sequence(int fd) : fd_(fd) {}

    /// The next text, with the whitespace after it; nullopt at the end of the input. What cannot
    /// be JSON ends the sequence: it is given, with what was read after it, for the decoder to
    /// say why, since where the next text would start is unknown.
    std::optional<std::string> next() {
        if (ended_) return std::nullopt;
        for (;;) {
            if (pending_.empty()) {
                if (!eof_ && fill()) continue;
                ended_ = true;
                if (text_.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
                boost::system::error_code ec;
                parser_.finish(ec);  // a number at the very end, or a text cut short
                return std::exchange(text_, {});
            }
            boost::system::error_code ec;
            const std::size_t used = parser_.write_some(pending_.data(), pending_.size(), ec);
            text_.append(pending_, 0, used);
            pending_.erase(0, used);
            if (ec || text_.size() > max_text_bytes) {
                ended_ = true;
                return std::exchange(text_, {}) + std::exchange(pending_, {});
            }
            if (parser_.done()) {
                parser_.reset();
                return std::exchange(text_, {});
            }
        }
    }

private:
    // Reads what is there (at most a chunk); false at the end of the input.
    bool fill() {
        char chunk[64 * 1024];
        for (;;) {
            const ssize_t n = ::read(fd_, chunk, sizeof chunk);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                eof_ = true;
                return false;
            }
            pending_.append(chunk, static_cast<std::size_t>(n));
            return true;
        }
    }

    int fd_;
    boost::json::stream_parser parser_;
    std::string pending_;  // read, not yet given to the parser
    std::string text_;     // the current text, as far as it is parsed
    bool eof_ = false;
    bool ended_ = false;
};

/// {"outcome":"refused","errors":[...]}: nothing was sent.
inline boost::json::object refused_json(const validation_errors& errors) {
    boost::json::object out = errors_json(errors);
    out.erase("valid");
    out["outcome"] = "refused";
    return out;
}

/// A refusal of the limits: {"outcome":"refused","errors":[{"field":"","code":CODE,"message"}]}.
inline boost::json::object refused_json(std::string_view code, std::string_view message) {
    boost::json::object e{{"field", ""}, {"code", code}, {"message", message}};
    return boost::json::object{{"errors", boost::json::array{std::move(e)}}, {"outcome", "refused"}};
}

/// {"outcome":"transport_error","stage":"not_sent"|"maybe_delivered","message","retryable"}
inline boost::json::object transport_json(const transport_error& e) {
    boost::json::object out;
    out["outcome"] = "transport_error";
    out["stage"] = e.at == transport_error::stage::not_sent ? "not_sent" : "maybe_delivered";
    out["message"] = e.what;
    out["retryable"] = e.retryable();
    return out;
}

struct send_settings {
    http_timeouts timeouts;
    limits_settings limits;
};

/// Sends every request of `in` for `op`, printing a line for each on `out`. Returns the exit
/// code of the last one; a usage failure when the input held none.
class sender {
public:
    sender(const operation& op, const options& o, send_settings settings, std::ostream& out)
        : op_(op), make_(op.requests(o)), settings_(std::move(settings)), client_(settings_.timeouts), out_(out) {}

    int run(json_sequence& in) {
        exit_code last = ok;
        bool any = false;
        while (auto text = in.next()) {
            any = true;
            auto [line, code] = send_one(*text);
            out_ << boost::json::serialize(line) << std::endl;  // as it happens, for a reader of the pipe
            last = code;
        }
        if (!any) throw failure{usage, "send found no request in its input: FILE, - or piped input"};
        return last;
    }

private:
    using line = std::pair<boost::json::object, exit_code>;

    line send_one(std::string_view text) {
        auto made = make_(text);
        if (auto* errors = std::get_if<validation_errors>(&made)) return {refused_json(*errors), invalid};
        prepared& p = std::get<prepared>(made);
        if (!p.is_signed && !told_unsigned_) {
            std::cerr << "livemsg: no credentials given; the requests are not signed\n";
            told_unsigned_ = true;
        }
        send_limits* limits = settings_.limits.limits.get();
        const alibaba::SendLiveMessageGroup* group = limits && p.group_message ? &*p.group_message : nullptr;

        // The type budget first: a type refused takes no slot of the rate.
        bool added = false;
        if (group) {
            auto admission = limits->admit(*group);
            if (!admission.empty()) return {refused_json(admission), invalid};
            added = admission.added;
        }
        // Gives back a type this send added, when the server cannot have stored it.
        const auto give_back = [&] {
            if (added) limits->release(*group);
        };
        if (limits) {
            const std::string& account = settings_.limits.account ? *settings_.limits.account : p.account;
            const limit_key key{account, p.operation};
            const reservation r =
                acquire(*limits, key, p.rate, std::chrono::steady_clock::now() + settings_.limits.max_wait,
                        [](std::chrono::nanoseconds d) { std::this_thread::sleep_for(d); });
            if (!r) {
                give_back();
                return {refused(r, key), invalid};
            }
            if (r.by_fallback && !told_fallback_) {
                std::cerr << "livemsg: --limits-fail open: " << r.reason << '\n';
                told_fallback_ = true;
            }
        }
        // Signed now, after any wait, so that the signature's time is the sending time.
        if (p.sign)
            if (auto errors = p.sign(p.request); !errors.empty()) {
                give_back();
                return {refused_json(errors), invalid};
            }
        const exchange_result sent = client_.exchange(p.request);
        if (!sent.answer) {
            if (sent.failure.at == transport_error::stage::not_sent) give_back();
            return {transport_json(sent.failure), transport_failure};
        }
        parsed answer = op_.parse(sent.answer->status, sent.answer->body, sent.answer->retry_after);
        if (group) after_answer(*group, answer.json, added);
        return {std::move(answer.json), answer.code};
    }

    // The budget learns from the answer: the server's refusal of a 31st type makes the group
    // full; an error for which the server stored nothing (signature, throttling, parameters: a 4xx)
    // gives back the type this send added. A success, a 5xx or an unreadable body keeps it: the
    // message may have landed.
    void after_answer(const alibaba::SendLiveMessageGroup& group, const boost::json::object& answer, bool added) {
        if (answer.at("outcome") != "error") return;
        if (answer.at("code") == "ErrorTooManyMsgTypes") settings_.limits.limits->mark_full(group.AppId.view(), group.GroupId.view());
        const auto status = answer.at("http_status").to_number<int>();
        if (added && status >= 400 && status < 500) settings_.limits.limits->release(group);
    }

    boost::json::object refused(const reservation& r, const limit_key& key) const {
        if (r.state == reservation::status::unavailable)
            return refused_json(to_string(r.state), r.reason + "; nothing was sent (--limits-fail closed)");
        using namespace std::chrono;
        return refused_json("rate_limited", "no slot for " + std::string(key.operation) + " of account '" +
                                                std::string(key.account) + "' within " +
                                                std::to_string(settings_.limits.max_wait.count()) + " s (the next is " +
                                                std::to_string(duration_cast<milliseconds>(r.wait).count()) +
                                                " ms away); nothing was sent");
    }

    const operation& op_;
    request_maker make_;
    send_settings settings_;
    http_client client_;
    std::ostream& out_;
    bool told_unsigned_ = false;
    bool told_fallback_ = false;
};

}  // namespace livemsg::cli
