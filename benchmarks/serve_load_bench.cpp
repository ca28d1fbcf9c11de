// SPDX-License-Identifier: BSL-1.0
// `livemsg serve` under load: the emulator and its HTTP server in this process, on 127.0.0.1,
// and N keep-alive clients, a thread each, sending the five operations in turn. Every request
// is rendered and signed before the load starts (Alibaba nonces unique, one Tencent UserSig),
// so the load measures the server, its verifiers and loopback TCP, not the client's signers.
// Each client sends a bounded number of requests and stops at a deadline, whichever comes first.
//
//   serve/keep_alive/clients:N/iterations:1/real_time
//
// Counters: clients; requests (answered) and planned; req_per_s; p50_us and p99_us (one request,
// from its first byte sent to its answer read whole); accepted (answers the operation's
// parse_response reads as sent), recorded (the emulator's messages after the server stopped),
// lost = accepted - recorded; rss_before_MiB (requests rendered, socket bound, nothing served
// yet) and rss_after_MiB (the server stopped, its messages still kept), both of the whole process.
// The run fails (SkipWithError) when a message is lost, an answer is not a success, or a client
// or the server fails.
//
// Options of this program, before Google Benchmark's own:
//   --serve_requests_per_client=N   default 500; 20 when --benchmark_min_time is below 0.05 s
//                                   (a quick pass, as CI's), so that it stays a few seconds
//   --serve_deadline_s=S            default 30: clients stop sending then
#include "serve/emulator.hpp"
#include "serve/http_server.hpp"

#include <livemsg/livemsg.hpp>
#include <livemsg/signing.hpp>

#include <benchmark/benchmark.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <pthread.h>
#include <sys/socket.h>
#include <sys/time.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

namespace alibaba = livemsg::alibaba;
namespace volcengine = livemsg::volcengine;
namespace tencent = livemsg::tencent;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using std::chrono::steady_clock;

// How much load: set from the command line in main().
struct load_plan {
    std::size_t requests_per_client = 500;
    std::chrono::seconds deadline{30};
};
load_plan plan;

// The accounts the server accepts, and with which the clients sign.
constexpr std::string_view alibaba_key_id = "LTAI5tLoadBench";
constexpr std::string_view alibaba_key_secret = "alibaba-load-secret";
constexpr std::string_view volcengine_key_id = "AKLTLoadBench";
constexpr std::string_view volcengine_key_secret = "volcengine-load-secret";
constexpr std::uint32_t tencent_sdkappid = 1400000001;
constexpr std::string_view tencent_admin = "administrator";
constexpr std::string_view tencent_key = "tencent-load-secret-key";

livemsg::serve::served_credentials served_accounts() {
    livemsg::serve::served_credentials accounts;
    accounts.alibaba.push_back({std::string(alibaba_key_id), livemsg::secret(std::string(alibaba_key_secret)), {}});
    accounts.volcengine.push_back(
        {std::string(volcengine_key_id), livemsg::secret(std::string(volcengine_key_secret)), {}});
    tencent::admin_credentials admin;
    admin.sdkappid = tencent_sdkappid;
    admin.identifier = std::string(tencent_admin);
    admin.secret_key = livemsg::secret(std::string(tencent_key));
    accounts.tencent.push_back(std::move(admin));
    return accounts;
}

// ---- The requests, rendered and signed ahead --------------------------------------------------

enum class operation { alibaba_user, alibaba_group, alibaba_to_group, tencent_text, volcengine_p2p };
constexpr int operation_count = 5;

// A request as the client writes it, and which operation reads its answer.
struct prepared_request {
    operation op;
    std::string wire;
};

// `r` as HTTP/1.1 bytes: its own headers (some signed) and Content-Length.
std::string on_the_wire(const livemsg::http_request& r) {
    std::string out(r.method);
    out += ' ';
    r.append_target(out);
    out += " HTTP/1.1\r\n";
    r.for_each_header([&](std::string_view name, std::string_view value) {
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    });
    out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n\r\n";
    out += r.body;
    return out;
}

template <class Checked>
void require(const Checked& checked, std::string_view what) {
    if (!checked) throw std::runtime_error(std::string(what) + ": " + checked.errors().report());
}

void require_valid(const livemsg::validation_errors& errors, std::string_view what) {
    if (!errors.empty()) throw std::runtime_error(std::string(what) + ": " + errors.report());
}

// Signs the five operations in turn for each client, all for the server at `url`.
class request_maker {
public:
    explicit request_maker(const livemsg::endpoint_url& url)
        : url_(url), volcengine_to_(volcengine::endpoint_at(url)), signed_at_(std::chrono::system_clock::now()) {
        auto usersig = tencent::generate_usersig({.sdkappid = tencent_sdkappid, .identifier = std::string(tencent_admin)},
                                                 livemsg::secret(std::string(tencent_key)));
        require(usersig, "Tencent UserSig");
        tencent_caller_ = {.domain = tencent::endpoint(url),
                           .sdkappid = tencent_sdkappid,
                           .identifier = std::string(tencent_admin),
                           .usersig = *usersig};
    }

    // The `index`th request of client `client`: the operations in turn, each Alibaba nonce its own.
    prepared_request make(std::size_t client, std::size_t index) const {
        const auto op = static_cast<operation>((client + index) % operation_count);
        const std::string nonce = "load-" + std::to_string(client) + "-" + std::to_string(index);
        livemsg::http_request http;
        switch (op) {
        case operation::alibaba_user:
            require_valid(alibaba::render(alibaba::SendLiveMessageUser{.AppId = "demo", .ReceiverId = "uid2",
                                                                       .SenderId = "uid1", .Body = "hello, user"},
                                          url_, http),
                          "render SendLiveMessageUser");
            require(alibaba::sign_v3(http, alibaba_creds(), {signed_at_, nonce}), "sign SendLiveMessageUser");
            break;
        case operation::alibaba_group:  // V1, so that both Alibaba signatures are verified
            require_valid(alibaba::render(alibaba::SendLiveMessageGroup{.AppId = "demo", .GroupId = "grouptest",
                                                                        .SenderId = "uid1", .Body = "hello, group",
                                                                        .MsgType = 1},
                                          url_, http),
                          "render SendLiveMessageGroup");
            require(alibaba::sign_v1(http, alibaba_creds(), {signed_at_, nonce}), "sign SendLiveMessageGroup");
            break;
        case operation::alibaba_to_group:
            require_valid(alibaba::render(alibaba::SendMessageToGroup{.AppId = "VKL3", .GroupId = "AE35-T95F",
                                                                      .OperatorUserId = "de1a0", .Type = 12000,
                                                                      .Data = R"({"text":"test"})"},
                                          url_, http),
                          "render SendMessageToGroup");
            require(alibaba::sign_v3(http, alibaba_creds(), {signed_at_, nonce}), "sign SendMessageToGroup");
            break;
        case operation::tencent_text:
            require_valid(tencent::render(tencent::send_text_msg{.RoomId = "room1", .Sender_Account = "user1",
                                                                 .TextContent = "msg"},
                                          tencent_caller_, static_cast<std::uint32_t>(index), http),
                          "render send_text_msg");
            break;
        case operation::volcengine_p2p:
            require_valid(volcengine::render(volcengine::P2PSendMessage{.AppId = 666675, .Sender = 10008,
                                                                        .ConversationShortId = 7221856821303361536,
                                                                        .MsgType = 10013, .Content = "hello"},
                                             volcengine_to_, http),
                          "render P2PSendMessage");
            require(volcengine::sign(http, {std::string(volcengine_key_id),
                                            livemsg::secret(std::string(volcengine_key_secret)), {}},
                                     volcengine::scope_of(volcengine_to_), signed_at_),
                    "sign P2PSendMessage");
            break;
        }
        return {op, on_the_wire(http)};
    }

private:
    static alibaba::credentials alibaba_creds() {
        return {std::string(alibaba_key_id), livemsg::secret(std::string(alibaba_key_secret)), {}};
    }

    livemsg::endpoint_url url_;
    volcengine::endpoint volcengine_to_;
    tencent::rest_caller tencent_caller_;
    std::chrono::system_clock::time_point signed_at_;  // well inside the vendors' 15 minutes
};

// True when the answer is the vendor's success, as the operation's parse_response reads it.
bool answered_sent(operation op, int status, std::string_view body) {
    switch (op) {
    case operation::alibaba_user:
        return alibaba::parse_response<alibaba::SendLiveMessageUser>(status, body).result() != nullptr;
    case operation::alibaba_group:
        return alibaba::parse_response<alibaba::SendLiveMessageGroup>(status, body).result() != nullptr;
    case operation::alibaba_to_group:
        return alibaba::parse_response<alibaba::SendMessageToGroup>(status, body).result() != nullptr;
    case operation::tencent_text: {
        const auto outcome = tencent::parse_response<tencent::send_text_msg>(status, body);
        return outcome.result() != nullptr && outcome.result()->sent() != nullptr;
    }
    case operation::volcengine_p2p:
        return volcengine::parse_response<volcengine::P2PSendMessage>(status, body).result() != nullptr;
    }
    return false;
}

// ---- The clients -------------------------------------------------------------------------------

struct client_tally {
    std::vector<double> latencies_us;  // one per answered request
    std::size_t accepted = 0;
    std::size_t refused = 0;
    std::string first_refusal;  // the body of the first answer that was not a success
    std::string failure;        // what stopped the client early, if anything
};

// A read that hangs (a server that stopped answering) ends after `timeout` instead of never.
void limit_reads(tcp::socket& socket, std::chrono::seconds timeout) {
    const timeval limit{static_cast<time_t>(timeout.count()), 0};
    if (::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit) != 0)
        throw std::runtime_error("setsockopt(SO_RCVTIMEO) failed");
}

// One keep-alive connection: each request written, its answer read whole and checked, until the
// requests run out or the deadline passes.
void run_client(const tcp::endpoint& server, const std::vector<prepared_request>& requests,
                steady_clock::time_point deadline, client_tally& tally) {
    try {
        boost::asio::io_context io;
        tcp::socket socket(io);
        socket.connect(server);
        socket.set_option(tcp::no_delay(true));
        limit_reads(socket, std::max(plan.deadline, std::chrono::seconds(1)));  // 0 would mean no limit
        boost::beast::flat_buffer buffer;
        tally.latencies_us.reserve(requests.size());
        for (const prepared_request& request : requests) {
            if (steady_clock::now() >= deadline) break;
            const auto sent_at = steady_clock::now();
            boost::asio::write(socket, boost::asio::buffer(request.wire));
            http::response_parser<http::string_body> parser;
            http::read(socket, buffer, parser);
            const auto answered_at = steady_clock::now();
            tally.latencies_us.push_back(std::chrono::duration<double, std::micro>(answered_at - sent_at).count());
            const auto& response = parser.get();
            if (answered_sent(request.op, static_cast<int>(response.result_int()), response.body())) {
                ++tally.accepted;
            } else if (tally.refused++ == 0) {
                tally.first_refusal = response.body();
            }
            if (!response.keep_alive()) {
                tally.failure = "the server closed a keep-alive connection";
                break;
            }
        }
        boost::system::error_code ignored;
        socket.shutdown(tcp::socket::shutdown_both, ignored);
    } catch (const std::exception& e) {
        tally.failure = e.what();
    }
}

// ---- Measuring -----------------------------------------------------------------------------------

// VmRSS of this process, in MiB: the whole process, benchmark and clients included. The heap
// freed by earlier runs is first given back, so that it does not count as this run's.
double resident_mib() {
#if defined(__GLIBC__)
    ::malloc_trim(0);
#endif
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.starts_with("VmRSS:")) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;  // "VmRSS:  1234 kB"
    return 0;
}

// The value below which `fraction` of `sorted` lies (nearest rank).
double percentile(const std::vector<double>& sorted, double fraction) {
    if (sorted.empty()) return 0;
    const auto rank = static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(rank, sorted.size() - 1)];
}

void serve_load(benchmark::State& state) {
    const auto clients = static_cast<std::size_t>(state.range(0));
    const std::size_t planned = clients * plan.requests_per_client;

    // The server bound first, so that every request is signed for its Host.
    livemsg::serve::emulator emulator(served_accounts(), {.keep = std::max<std::size_t>(planned, 1), .rate_limits = false});
    livemsg::serve::http_server server(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0), emulator);
    const tcp::endpoint address = server.local_endpoint();
    const auto url = livemsg::endpoint_url::parse("http://127.0.0.1:" + std::to_string(address.port()));
    if (!url) return state.SkipWithError("the server's URL does not parse");

    std::vector<std::vector<prepared_request>> requests(clients);
    try {
        const request_maker maker(*url);
        for (std::size_t c = 0; c < clients; ++c)
            for (std::size_t i = 0; i < plan.requests_per_client; ++i) requests[c].push_back(maker.make(c, i));
    } catch (const std::exception& e) {
        return state.SkipWithError(e.what());
    }

    const double rss_before = resident_mib();
    std::string server_failure;
    std::thread serving([&] {
        ::pthread_setname_np(::pthread_self(), "livemsg-serve");  // a profiler then tells it from the clients
        try {
            server.run();
        } catch (const std::exception& e) {
            server_failure = e.what();
        }
    });

    std::vector<client_tally> tallies(clients);
    double seconds = 0;
    for (auto _ : state) {
        const auto started = steady_clock::now();
        const auto deadline = started + plan.deadline;
        std::vector<std::thread> threads;
        threads.reserve(clients);
        for (std::size_t c = 0; c < clients; ++c)
            threads.emplace_back(run_client, address, std::cref(requests[c]), deadline, std::ref(tallies[c]));
        for (auto& t : threads) t.join();
        seconds = std::chrono::duration<double>(steady_clock::now() - started).count();
    }

    server.stop();
    serving.join();
    const double rss_after = resident_mib();

    std::vector<double> latencies;
    std::size_t accepted = 0, refused = 0;
    std::string failure = server_failure, first_refusal;
    for (client_tally& t : tallies) {
        latencies.insert(latencies.end(), t.latencies_us.begin(), t.latencies_us.end());
        accepted += t.accepted;
        refused += t.refused;
        if (failure.empty()) failure = t.failure;
        if (first_refusal.empty()) first_refusal = t.first_refusal;
    }
    std::sort(latencies.begin(), latencies.end());
    const std::size_t recorded = emulator.messages().size();
    const auto lost = static_cast<long long>(accepted) - static_cast<long long>(recorded);

    state.counters["clients"] = static_cast<double>(clients);
    state.counters["planned"] = static_cast<double>(planned);
    state.counters["requests"] = static_cast<double>(latencies.size());
    state.counters["req_per_s"] = seconds > 0 ? static_cast<double>(latencies.size()) / seconds : 0;
    state.counters["p50_us"] = percentile(latencies, 0.50);
    state.counters["p99_us"] = percentile(latencies, 0.99);
    state.counters["accepted"] = static_cast<double>(accepted);
    state.counters["recorded"] = static_cast<double>(recorded);
    state.counters["lost"] = static_cast<double>(lost);
    state.counters["rss_before_MiB"] = rss_before;
    state.counters["rss_after_MiB"] = rss_after;

    if (!failure.empty()) return state.SkipWithError(("failed: " + failure).c_str());
    if (refused != 0)
        return state.SkipWithError((std::to_string(refused) + " answers not a success, the first: " + first_refusal).c_str());
    if (lost != 0) return state.SkipWithError((std::to_string(lost) + " accepted messages not recorded").c_str());
}

// ---- The command line ------------------------------------------------------------------------------

// Takes this program's own options out of argv, leaving Google Benchmark's.
void read_own_options(int& argc, char** argv) {
    bool per_client_given = false;
    double min_time = -1;
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const auto value_of = [&](std::string_view option) { return arg.substr(option.size()); };
        if (arg.starts_with("--serve_requests_per_client=")) {
            plan.requests_per_client = std::strtoull(value_of("--serve_requests_per_client=").data(), nullptr, 10);
            per_client_given = true;
            continue;
        }
        if (arg.starts_with("--serve_deadline_s=")) {
            plan.deadline = std::chrono::seconds(std::strtoll(value_of("--serve_deadline_s=").data(), nullptr, 10));
            continue;
        }
        if (arg.starts_with("--benchmark_min_time=")) min_time = std::strtod(value_of("--benchmark_min_time=").data(), nullptr);
        argv[kept++] = argv[i];
    }
    argc = kept;
    // Every run here is one iteration, whatever the minimum time; a quick pass gets fewer requests.
    if (!per_client_given && min_time >= 0 && min_time < 0.05) plan.requests_per_client = 20;
}

}  // namespace

int main(int argc, char** argv) {
    read_own_options(argc, argv);
    benchmark::RegisterBenchmark("serve/keep_alive", serve_load)
        ->ArgName("clients")
        ->Arg(1)
        ->Arg(4)
        ->Arg(16)
        ->Arg(64)
        ->Iterations(1)
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
