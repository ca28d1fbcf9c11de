// SPDX-License-Identifier: BSL-1.0
// An HTTP server on 127.0.0.1 (a port the system picks) that answers as a test scripts it, one
// connection at a time, and records what reached it: how many connections, each request, and
// the TLS server name asked for. For `livemsg send`'s transport: keep-alive, a server that
// closes between requests, one that never answers, TLS with a certificate of the test's own.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace tool_test {

// A self-signed certificate for "localhost" only (no IP address), and its key, in PEM.
struct test_certificate {
    std::string certificate;
    std::string key;

    static test_certificate make() {
        std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
        std::unique_ptr<X509, decltype(&X509_free)> x(X509_new(), X509_free);
        if (!key || !x) throw std::runtime_error("cannot make a test key");
        X509_set_version(x.get(), 2);
        ASN1_INTEGER_set(X509_get_serialNumber(x.get()), 1);
        X509_gmtime_adj(X509_getm_notBefore(x.get()), -3600);
        X509_gmtime_adj(X509_getm_notAfter(x.get()), 3600);
        X509_set_pubkey(x.get(), key.get());
        X509_NAME* name = X509_get_subject_name(x.get());
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
        X509_set_issuer_name(x.get(), name);
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, x.get(), x.get(), nullptr, nullptr, 0);
        for (auto [nid, value] : {std::pair{NID_subject_alt_name, "DNS:localhost"}, {NID_basic_constraints, "critical,CA:TRUE"}}) {
            X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
            if (!ext) throw std::runtime_error("cannot make a test certificate extension");
            X509_add_ext(x.get(), ext, -1);
            X509_EXTENSION_free(ext);
        }
        if (!X509_sign(x.get(), key.get(), EVP_sha256())) throw std::runtime_error("cannot sign the test certificate");
        const auto pem = [](auto write) {
            std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
            write(bio.get());
            char* data = nullptr;
            const long size = BIO_get_mem_data(bio.get(), &data);
            return std::string(data, static_cast<std::size_t>(size));
        };
        return {pem([&](BIO* b) { PEM_write_bio_X509(b, x.get()); }),
                pem([&](BIO* b) { PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr); })};
    }
};

// What the server does with the n-th request it reads (from 0, over all connections).
enum class reply {
    answer,           // 200 with an Alibaba success body, the connection kept
    answer_and_close, // 200 with "Connection: close", then closed
    answer_then_drop, // 200 without a word about closing, then closed
    hold_and_drop,    // no answer: the connection is held a while, then closed
    throttle,         // 400 Throttling.User with x-acs-retry-after: 1500, the connection kept
};

struct received {
    std::string target;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    int connection = 0;  // which connection it came on, from 1
    std::chrono::system_clock::time_point at{};  // when it was read whole
};

class scripted_server {
public:
    // `script(n)` says what to do with the n-th request; `tls` serves the test certificate.
    explicit scripted_server(std::function<reply(int)> script, const test_certificate* tls = nullptr,
                             std::chrono::milliseconds hold = std::chrono::milliseconds(3000))
        : script_(std::move(script)), hold_(hold) {
        acceptor_.open(tcp::v4());
        acceptor_.set_option(tcp::acceptor::reuse_address(true));
        acceptor_.bind({boost::asio::ip::make_address("127.0.0.1"), 0});
        acceptor_.listen();
        if (tls) {
            tls_.emplace(boost::asio::ssl::context::tls_server);
            tls_->use_certificate_chain(boost::asio::buffer(tls->certificate));
            tls_->use_private_key(boost::asio::buffer(tls->key), boost::asio::ssl::context::pem);
        }
        thread_ = std::thread([this] { serve(); });
    }

    ~scripted_server() {
        stopping_ = true;
        boost::system::error_code ignored;
        tcp::socket wake(io_);  // unblocks accept()
        wake.connect({boost::asio::ip::make_address("127.0.0.1"), port()}, ignored);
        thread_.join();
    }

    scripted_server(const scripted_server&) = delete;
    scripted_server& operator=(const scripted_server&) = delete;

    unsigned short port() const { return acceptor_.local_endpoint().port(); }

    int connections() const {
        std::lock_guard lock(mutex_);
        return connections_;
    }
    std::vector<received> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }
    std::string server_name() const {
        std::lock_guard lock(mutex_);
        return server_name_;
    }

private:
    using tcp = boost::asio::ip::tcp;

    // Each connection on a thread of its own, so that one held open keeps nobody else waiting.
    void serve() {
        std::vector<std::thread> conversations;
        while (!stopping_) {
            tcp::socket socket(io_);
            boost::system::error_code ec;
            acceptor_.accept(socket, ec);
            if (ec || stopping_) break;
            int connection;
            {
                std::lock_guard lock(mutex_);
                connection = ++connections_;
            }
            conversations.emplace_back([this, connection, s = std::move(socket)]() mutable { talk(std::move(s), connection); });
        }
        for (std::thread& t : conversations) t.join();
    }

    void talk(tcp::socket socket, int connection) {
        boost::system::error_code ec;
        if (!tls_) return converse(socket, connection);
        boost::asio::ssl::stream<tcp::socket> stream(std::move(socket), *tls_);
        stream.handshake(boost::asio::ssl::stream_base::server, ec);
        if (const char* name = SSL_get_servername(stream.native_handle(), TLSEXT_NAMETYPE_host_name)) {
            std::lock_guard lock(mutex_);
            server_name_ = name;
        }
        if (!ec) converse(stream, connection);
        stream.shutdown(ec);
    }

    template <class Stream>
    void converse(Stream& stream, int connection) {
        namespace http = boost::beast::http;
        boost::beast::flat_buffer buffer;
        for (;;) {
            http::request<http::string_body> request;
            boost::system::error_code ec;
            http::read(stream, buffer, request, ec);
            if (ec) return;
            int n;
            {
                std::lock_guard lock(mutex_);
                received r{std::string(request.target()), request.body(), {}, connection, std::chrono::system_clock::now()};
                for (const auto& field : request) r.headers.emplace_back(field.name_string(), field.value());
                n = static_cast<int>(requests_.size());
                requests_.push_back(std::move(r));
            }
            const reply what = script_(n);
            if (what == reply::hold_and_drop) {
                std::this_thread::sleep_for(hold_);
                return;
            }
            http::response<http::string_body> response(http::status::ok, 11);
            response.set(http::field::content_type, "application/json");
            response.body() = R"({"RequestId":"R)" + std::to_string(n) + R"(","MsgTid":"T)" + std::to_string(n) + R"("})";
            if (what == reply::throttle) {
                response.result(http::status::bad_request);
                response.set("x-acs-retry-after", "1500");
                response.body() = R"({"Code":"Throttling.User","Message":"Request was denied due to user flow control.",)"
                                  R"("RequestId":"R)" + std::to_string(n) + R"("})";
            }
            if (what == reply::answer_and_close) response.keep_alive(false);
            response.prepare_payload();
            http::write(stream, response, ec);
            if (ec || what == reply::answer_and_close || what == reply::answer_then_drop) return;
        }
    }

    std::function<reply(int)> script_;
    std::chrono::milliseconds hold_;
    boost::asio::io_context io_;
    tcp::acceptor acceptor_{io_};
    std::optional<boost::asio::ssl::context> tls_;
    std::thread thread_;
    std::atomic<bool> stopping_{false};
    mutable std::mutex mutex_;
    int connections_ = 0;
    std::vector<received> requests_;
    std::string server_name_;
};

}  // namespace tool_test
