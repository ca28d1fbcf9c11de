// SPDX-License-Identifier: BSL-1.0
// Runs an example against loopback_server and checks what went over the wire.
//
//   loopback_check WORK_DIR SERVER STATUS BODY_FILE HEADER_LINE EXPECTED_EXIT EXPECTED_STDOUT_REGEX
//                  -- EXAMPLE ARGS...
//
// Starts SERVER (answering STATUS, BODY_FILE and HEADER_LINE, which may be empty), runs EXAMPLE
// with ARGS, `{endpoint}` replaced by the server's http://127.0.0.1:PORT, and with its --show
// output on stderr. Then checks that the server received exactly the request livemsg rendered:
// its request line, Host, Content-Type and every signed header exactly once with their values, no
// Expect, the body byte for byte; and that the example printed and exited as expected. The
// example's environment (its credentials) is this program's.
//
// Built with hiredis (LIVEMSG_LOOPBACK_REDIS), it also takes, before the --,
//
//   --redis ACCOUNT OPERATION HOLD_MS
//
// and starts a redis-server of its own on a unix socket (tests/redis/redis_server.hpp), whose URL
// replaces `{redis}` in ARGS. The rate key of ACCOUNT and OPERATION is set to hold the next slot
// HOLD_MS from now; then the example must have waited for that slot before it sent, and have
// asked Redis exactly once (the rate script run once: EVAL, or EVALSHA once it knew the SHA1).
#ifdef LIVEMSG_LOOPBACK_REDIS
#include "../redis/redis_server.hpp"

#include <livemsg/redis/scripts.hpp>
#endif

#include <boost/json.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

extern char** environ;

namespace {

int checks = 0;
int failures = 0;

void check(bool ok, const std::string& what) {
    ++checks;
    if (!ok) {
        ++failures;
        std::cerr << "FAILED: " << what << '\n';
    }
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// Starts `args` with stdout and stderr to the given descriptors (-1: inherited).
pid_t spawn(const std::vector<std::string>& args, int out_fd, int err_fd) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (out_fd >= 0) posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
    if (err_fd >= 0) posix_spawn_file_actions_adddup2(&actions, err_fd, STDERR_FILENO);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
}

// The exit status of `pid`, killing it if it runs past `limit`; nullopt if killed or crashed.
std::optional<int> wait_for(pid_t pid, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!WIFEXITED(status)) return std::nullopt;
    return WEXITSTATUS(status);
}

// The first line on `fd`, waiting at most `limit`.
std::string read_line(int fd, std::chrono::seconds limit) {
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    char c = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) continue;
        if (read(fd, &c, 1) != 1 || c == '\n') break;
        line += c;
    }
    return line;
}

bool names_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
    return true;
}

// The example masks credentials in what it shows; mask the same query parameters in what the
// server saw, after checking that they were there and not empty.
std::string masked_target(std::string target) {
    for (const char* name : {"usersig=", "SecurityToken="}) {
        for (auto at = target.find(name); at != std::string::npos; at = target.find(name, at + 1)) {
            if (at != 0 && target[at - 1] != '?' && target[at - 1] != '&') continue;
            const auto start = at + std::string_view(name).size();
            const auto end = std::min(target.find('&', start), target.size());
            check(end > start, std::string("the server saw a non-empty ") + name);
            target.replace(start, end - start, "%2A%2A%2A%2A");
        }
    }
    return target;
}

std::string text(const boost::json::value& v) { return std::string(v.as_string()); }

#ifdef LIVEMSG_LOOPBACK_REDIS
// One command on the server's socket: its integer or string answer as text, or for TIME the
// server's clock in microseconds; "" if none.
std::string redis_command(const livemsg_test::redis_server& server, const std::vector<std::string>& argv) {
    redisContext* c = redisConnectUnixWithTimeout(server.socket_path().c_str(), timeval{2, 0});
    std::string out;
    if (c && !c->err) {
        std::vector<const char*> args;
        std::vector<std::size_t> lengths;
        for (const auto& a : argv) {
            args.push_back(a.c_str());
            lengths.push_back(a.size());
        }
        if (auto* r = static_cast<redisReply*>(redisCommandArgv(c, static_cast<int>(args.size()), args.data(), lengths.data()))) {
            if (r->type == REDIS_REPLY_INTEGER)
                out = std::to_string(r->integer);
            else if (r->type == REDIS_REPLY_ARRAY && r->elements == 2)
                out = std::to_string(std::atoll(r->element[0]->str) * 1000000 + std::atoll(r->element[1]->str));
            else if (r->str)
                out.assign(r->str, r->len);
            freeReplyObject(r);
        }
    }
    if (c) redisFree(c);
    return out;
}
#endif

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::vector<std::string> redis_args;
    if (args.size() > 7 && args[7] == "--redis") {
        const auto dash = std::find(args.begin() + 8, args.end(), "--");
        redis_args.assign(args.begin() + 8, dash);
        args.erase(args.begin() + 7, dash);
    }
#ifndef LIVEMSG_LOOPBACK_REDIS
    if (!redis_args.empty()) return std::cerr << "loopback_check: built without hiredis, so without --redis\n", 2;
#endif
    if (args.size() < 9 || args[7] != "--" || (!redis_args.empty() && redis_args.size() != 3)) {
        std::cerr << "usage: loopback_check WORK_DIR SERVER STATUS BODY_FILE HEADER_LINE EXPECTED_EXIT "
                     "EXPECTED_STDOUT_REGEX [--redis ACCOUNT OPERATION HOLD_MS] -- EXAMPLE ARGS...\n";
        return 2;
    }
    const std::string work = args[0];
    const std::string record_file = work + "/record.json", out_file = work + "/stdout", err_file = work + "/stderr";
    std::remove(record_file.c_str());

    // The server, its port read from its stdout.
    int port_pipe[2];
    if (pipe(port_pipe) != 0) return std::cerr << "pipe failed\n", 2;
    std::vector<std::string> server{args[1], args[2], args[3], record_file};
    if (!args[4].empty()) server.push_back(args[4]);
    const pid_t server_pid = spawn(server, port_pipe[1], -1);
    close(port_pipe[1]);
    if (server_pid < 0) return std::cerr << "cannot start " << args[1] << '\n', 2;
    const std::string port = read_line(port_pipe[0], std::chrono::seconds(10));
    close(port_pipe[0]);
    if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos) {
        wait_for(server_pid, std::chrono::seconds(0));
        return std::cerr << "the server printed no port\n", 2;
    }

    // The example, with --show, against the server.
    std::vector<std::string> example(args.begin() + 8, args.end());
    for (auto& a : example)
        if (a == "{endpoint}") a = "http://127.0.0.1:" + port;
#ifdef LIVEMSG_LOOPBACK_REDIS
    std::optional<livemsg_test::redis_server> redis;
    std::string rate_key;
    const auto seeded = std::chrono::steady_clock::now();
    if (!redis_args.empty()) {
        redis.emplace();
        for (auto& a : example)
            if (a == "{redis}") a = "unix://" + redis->socket_path();
        rate_key = livemsg::redis::rate_key({redis_args[0], redis_args[1]});
        const long long hold_us = std::atoll(redis_args[2].c_str()) * 1000;
        const long long held_until = std::atoll(redis_command(*redis, {"TIME"}).c_str()) + hold_us;
        check(redis_command(*redis, {"SET", rate_key, std::to_string(held_until), "PX", std::to_string(hold_us / 1000 + 2000)}) == "OK",
              "the rate key is set to hold the next slot");
    }
#endif
    example.push_back("--show");
    const int out_fd = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err_fd = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const pid_t example_pid = spawn(example, out_fd, err_fd);
    close(out_fd);
    close(err_fd);
    const auto example_exit = example_pid < 0 ? std::nullopt : wait_for(example_pid, std::chrono::seconds(40));
    const auto server_exit = wait_for(server_pid, std::chrono::seconds(12));
#ifdef LIVEMSG_LOOPBACK_REDIS
    if (redis) {
        const auto waited = std::chrono::steady_clock::now() - seeded;
        check(waited >= std::chrono::milliseconds(std::atoll(redis_args[2].c_str())), "the example waited for the slot Redis held");
        // The key expires once its slot passes, so what is left to see is the count of runs.
        const std::string stats = redis_command(*redis, {"INFO", "commandstats"});
        const auto calls = [&](const std::string& command) {
            const std::string field = "cmdstat_" + command + ":calls=";
            const auto at = stats.find(field);
            return at == std::string::npos ? 0 : std::atoi(stats.c_str() + at + field.size());
        };
        check(calls("eval") + calls("evalsha") == 1, "the example ran the rate script once: " +
              std::to_string(calls("eval")) + " EVAL, " + std::to_string(calls("evalsha")) + " EVALSHA");
        redis->stop();
    }
#endif

    const std::string out = read_file(out_file), err = read_file(err_file);
    std::cout << "example stdout: " << out << "example stderr: " << err;
    check(example_exit == std::stoi(args[5]), "the example exits " + args[5]);
    check(std::regex_search(out, std::regex(args[6])), "the example prints /" + args[6] + "/");
    check(server_exit == 0, "the server answered one request and exited");

    // What the example rendered (its last stderr line) and what the server received.
    const auto shown_at = err.rfind("{\"method\"");
    boost::system::error_code shown_ec, received_ec;
    const boost::json::value shown = boost::json::parse(
        shown_at == std::string::npos ? std::string() : err.substr(shown_at, err.find('\n', shown_at) - shown_at), shown_ec);
    const boost::json::value received = boost::json::parse(read_file(record_file), received_ec);
    if (!shown.is_object() || !received.is_object()) {
        std::cerr << "FAILED: no rendered request shown, or nothing recorded by the server\n";
        return 1;
    }
    const auto& want = shown.as_object();
    const auto& got = received.as_object();

    check(masked_target(text(got.at("request_line"))) ==
              text(want.at("method")) + " " + text(want.at("target")) + " HTTP/1.1",
          "request line: " + text(got.at("request_line")));

    const auto& got_headers = got.at("headers").as_array();
    const auto count = [&](std::string_view name) {
        int n = 0;
        for (const auto& h : got_headers) n += names_equal(text(h.as_array()[0]), name);
        return n;
    };
    const auto value_of = [&](std::string_view name) {
        for (const auto& h : got_headers)
            if (names_equal(text(h.as_array()[0]), name)) return text(h.as_array()[1]);
        return std::string();
    };
    bool has_content_type = false;
    for (const auto& h : want.at("headers").as_array()) {
        const std::string name = text(h.as_array()[0]), value = text(h.as_array()[1]);
        has_content_type = has_content_type || names_equal(name, "Content-Type");
        check(count(name) == 1, name + " is sent exactly once (sent " + std::to_string(count(name)) + ")");
        if (value == "****") check(!value_of(name).empty(), name + " carries a credential");
        else check(value_of(name) == value, name + ": " + value_of(name) + " is what livemsg rendered: " + value);
    }
    check(count("Host") == 1, "Host is sent exactly once");
    check(count("Content-Type") == (has_content_type ? 1 : 0), "Content-Type only as livemsg rendered it");
    check(count("Expect") == 0, "no Expect header");
    check(count("Transfer-Encoding") == 0, "no chunked body");
    check(text(got.at("body")) == text(want.at("body")), "the body is byte-identical to the rendered one");
    check(value_of("Content-Length") == std::to_string(text(want.at("body")).size()), "Content-Length matches");

    if (failures) std::cerr << failures << " of " << checks << " checks failed\n";
    else std::cout << "loopback ok: " << checks << " checks\n";
    return failures ? 1 : 0;
}
