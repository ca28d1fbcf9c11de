// SPDX-License-Identifier: BSL-1.0
// The emulator without its sockets: routes a received request to its vendor's verifier, keeps
// the accepted messages in order (bounded), and serves them at /_livemsg/messages.
#pragma once

#include "alibaba_verifier.hpp"
#include "credentials_file.hpp"
#include "received_request.hpp"
#include "tencent_verifier.hpp"
#include "volcengine_verifier.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace livemsg::serve {

/// Where the accepted messages are listed (GET) and cleared (DELETE).
inline constexpr std::string_view messages_path = "/_livemsg/messages";

/// How the emulator behaves beyond what the vendors document.
struct emulator_options {
    static constexpr std::size_t default_keep = 10000;

    std::size_t keep = default_keep;  // accepted messages kept; past it the oldest go first
    bool rate_limits = true;          // false: no call is refused as too frequent (load tests)
    std::optional<tencent_webhook_options> tencent_webhooks{};  // Before and After, for send_text_msg
};

/// The five endpoints, whatever the Host header says, and the message list. Not thread-safe:
/// one caller at a time.
class emulator {
public:
    explicit emulator(served_credentials accounts, emulator_options options = {})
        : accounts_(std::make_unique<served_credentials>(std::move(accounts))),
          keep_(options.keep),
          alibaba_(*accounts_, options.rate_limits),
          volcengine_(*accounts_, options.rate_limits),
          tencent_(*accounts_, options.rate_limits, std::move(options.tencent_webhooks)) {}

    /// The answer to `r` at `now`.
    answer handle(const received_request& r, std::chrono::system_clock::time_point now) {
        const std::string_view path = r.path();
        if (path == messages_path) return messages_endpoint(r);
        if (path == "/v4/" + std::string(tencent::send_text_msg::api.service) + "/" +
                        std::string(tencent::send_text_msg::api.command))
            return kept(tencent_.verify(r, now));
        if (path == "/") {
            if (r.method != "POST" && r.method != "GET") return plain(405, "method not allowed");
            const auto query = r.query();
            if (query && query->find("Action") == volcengine::P2PSendMessage::api.action)
                return kept(volcengine_.verify(r, now));
            return kept(alibaba_.verify(r, now));
        }
        return plain(404, "no such endpoint: " + std::string(path));
    }

    const std::deque<accepted_message>& messages() const noexcept { return messages_; }

    /// [{"vendor","operation","request_id","fields"}...], oldest first.
    std::string messages_json() const {
        boost::json::array list;
        for (const accepted_message& m : messages_)
            list.push_back(boost::json::object{{"vendor", m.vendor},
                                               {"operation", m.operation},
                                               {"request_id", m.request_id},
                                               {"fields", m.fields}});
        return boost::json::serialize(list);
    }

    /// {"error": message} with `status`: what is not a vendor's to answer.
    static answer plain(int status, std::string_view message) {
        return {status, boost::json::serialize(boost::json::object{{"error", message}})};
    }

private:
    answer kept(handled h) {
        if (h.message && keep_ > 0) {
            if (messages_.size() == keep_) messages_.pop_front();
            messages_.push_back(std::move(*h.message));
        }
        return std::move(h.reply);
    }

    answer messages_endpoint(const received_request& r) {
        if (r.method == "GET") return {200, messages_json()};
        if (r.method == "DELETE") {
            const std::size_t cleared = messages_.size();
            messages_.clear();
            return {200, boost::json::serialize(boost::json::object{{"cleared", cleared}})};
        }
        return plain(405, "GET or DELETE");
    }

    std::unique_ptr<served_credentials> accounts_;  // the verifiers point to it; it stays put when moved
    std::size_t keep_;
    std::deque<accepted_message> messages_;
    alibaba_verifier alibaba_;
    volcengine_verifier volcengine_;
    tencent_verifier tencent_;
};

}  // namespace livemsg::serve
