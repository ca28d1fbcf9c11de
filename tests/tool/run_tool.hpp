// SPDX-License-Identifier: BSL-1.0
// Runs the built livemsg tool as a subprocess: arguments, standard input, and what came back.
#pragma once

#include <sys/wait.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

struct tool_result {
    int exit_code;
    std::string out;
    std::string err;
};

inline std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

// What the tool's standard input is: a regular file holding `input` (the default), a pipe that
// carries `input`, /dev/null, a closed descriptor, or a pipe from the shell command `input`
// (which may pause between what it writes).
enum class stdin_from { file, pipe, dev_null, closed, command };

// `args` is a shell fragment; quote what needs quoting.
inline tool_result run_tool(const std::string& args, const std::string& input = {}, const std::string& env = {},
                            stdin_from from = stdin_from::file) {
    char dir_template[] = "/tmp/livemsg-tool-XXXXXX";
    const std::string dir = mkdtemp(dir_template);
    {
        std::ofstream in(dir + "/in", std::ios::binary);
        in << input;
    }
    // Only what the test gives: no credential from the caller's environment or home directory
    // (HOME is the empty temporary directory unless `env` sets another).
    const std::string tool = "env -u ALIBABA_CLOUD_ACCESS_KEY_ID -u ALIBABA_CLOUD_ACCESS_KEY_SECRET "
                             "-u ALIBABA_CLOUD_SECURITY_TOKEN -u ALIBABA_CLOUD_PROFILE "
                             "-u ALIBABA_CLOUD_CLI_PROFILE_DISABLED -u ALIBABA_CLOUD_CONFIG_FILE "
                             "-u VOLC_ACCESSKEY -u VOLC_SECRETKEY -u VOLC_SESSION_TOKEN -u VOLCENGINE_ACCESS_KEY "
                             "-u VOLCENGINE_SECRET_KEY -u VOLCENGINE_SESSION_TOKEN "
                             "-u VOLC_REGION -u TENCENT_IM_SDKAPPID -u TENCENT_IM_IDENTIFIER "
                             "-u TENCENT_IM_SECRET_KEY -u TENCENT_IM_USERSIG -u TENCENT_IM_REGION HOME=" +
                             dir + " " + env + " '" LIVEMSG_TOOL "' " + args;
    const std::string output = " > " + dir + "/out 2> " + dir + "/err";
    std::string command;
    switch (from) {
        case stdin_from::file: command = tool + " < " + dir + "/in" + output; break;
        case stdin_from::pipe: command = "cat " + dir + "/in | " + tool + output; break;
        case stdin_from::dev_null: command = tool + " < /dev/null" + output; break;
        case stdin_from::closed: command = tool + " <&-" + output; break;
        case stdin_from::command: command = "(" + input + ") | " + tool + output; break;
    }
    const int status = std::system(command.c_str());
    tool_result r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(dir + "/out"), read_file(dir + "/err")};
    std::system(("rm -rf " + dir).c_str());
    return r;
}
