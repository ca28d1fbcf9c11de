// SPDX-License-Identifier: BSL-1.0
// Runs a test command and fails it if it leaves a process running behind it.
//
//   no_stray_processes COMMAND ARGS...
//
// A test that starts servers must stop them, but a process whose parent has already exited (a
// server started inside a shell's $(...), say) is re-parented to init and outlives the test
// unseen. This program makes itself the subreaper of everything COMMAND starts (Linux's
// PR_SET_CHILD_SUBREAPER), so that every such process is re-parented here instead. Once COMMAND
// has exited, each process still left is reported on standard output as
// "stray process left running: PID ARGS", stopped (SIGTERM, SIGKILL 2 s later) and reaped, and
// the exit status is 3 (or COMMAND's, when it failed). Otherwise the exit status is COMMAND's.
// CTest tests that pass by a regular expression add FAIL_REGULAR_EXPRESSION "stray process".
// SIGTERM, SIGINT and SIGHUP (a test timing out) are passed on to COMMAND.
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

volatile std::sig_atomic_t command_pid = 0;

void pass_on(int signal) {
    if (command_pid > 0) kill(static_cast<pid_t>(command_pid), signal);
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// The processes whose parent is `parent`, read from /proc/PID/stat ("PID (COMM) STATE PPID ...";
// COMM may hold spaces and parentheses, so the fields are counted from its last ')').
std::vector<pid_t> children_of(pid_t parent) {
    std::vector<pid_t> found;
    DIR* proc = opendir("/proc");
    if (!proc) return found;
    while (const dirent* entry = readdir(proc)) {
        const std::string name = entry->d_name;
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
        const std::string stat = read_all("/proc/" + name + "/stat");
        const auto close = stat.rfind(')');
        if (close == std::string::npos) continue;
        char state = 0;
        long ppid = 0;
        if (std::sscanf(stat.c_str() + close + 1, " %c %ld", &state, &ppid) == 2 && ppid == parent && state != 'Z')
            found.push_back(static_cast<pid_t>(std::stol(name)));
    }
    closedir(proc);
    return found;
}

// "ARGS" of a process, its NUL-separated command line joined by spaces.
std::string command_line(pid_t pid) {
    std::string args = read_all("/proc/" + std::to_string(pid) + "/cmdline");
    std::replace(args.begin(), args.end(), '\0', ' ');
    while (!args.empty() && args.back() == ' ') args.pop_back();
    return args.empty() ? "?" : args;
}

void reap_exited() {
    int status = 0;
    while (waitpid(-1, &status, WNOHANG) > 0) {
    }
}

// Reports, stops and reaps every process left under this one; stopping one may hand its own
// children over to this one, hence the rounds. Returns how many there were.
int stop_strays() {
    int strays = 0;
    for (int round = 0; round < 20; ++round) {
        reap_exited();
        const std::vector<pid_t> left = children_of(getpid());
        if (left.empty()) break;
        for (const pid_t pid : left) {
            std::cout << "stray process left running: " << pid << ' ' << command_line(pid) << std::endl;
            kill(pid, SIGTERM);
        }
        strays += static_cast<int>(left.size());
        // Reaped ones are dropped at once, so that no signal can reach a pid since reused.
        std::vector<pid_t> running = left;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        while (!running.empty()) {
            std::erase_if(running, [](pid_t pid) { return waitpid(pid, nullptr, WNOHANG) != 0; });
            if (running.empty() || std::chrono::steady_clock::now() >= deadline) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        for (const pid_t pid : running)
            if (kill(pid, SIGKILL) == 0) waitpid(pid, nullptr, 0);
    }
    reap_exited();
    return strays;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: no_stray_processes COMMAND ARGS...\n";
        return 2;
    }
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) {
        std::perror("no_stray_processes: PR_SET_CHILD_SUBREAPER");
        return 2;
    }
    for (const int signal : {SIGTERM, SIGINT, SIGHUP}) std::signal(signal, pass_on);

    pid_t pid = -1;
    if (const int rc = posix_spawnp(&pid, argv[1], nullptr, nullptr, argv + 1, environ); rc != 0) {
        std::cerr << "no_stray_processes: cannot run " << argv[1] << ": " << std::strerror(rc) << '\n';
        return 2;
    }
    command_pid = pid;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    command_pid = 0;
    const int exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);

    const int strays = stop_strays();
    if (strays == 0) return exit_code;
    std::cout << "stray processes: " << strays << " left running by " << argv[1] << ", stopped\n";
    return exit_code != 0 ? exit_code : 3;
}
