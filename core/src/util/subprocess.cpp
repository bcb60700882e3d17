#include "util/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>

extern char** environ;

namespace tenki::util {

namespace {

struct Pipe {
    int fds[2]{-1, -1};
    Pipe() {
        if (::pipe2(fds, O_CLOEXEC) != 0) fds[0] = fds[1] = -1;
    }
    ~Pipe() { close_both(); }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    void close_end(int i) {
        if (fds[i] >= 0) ::close(fds[i]);
        fds[i] = -1;
    }
    void close_both() {
        close_end(0);
        close_end(1);
    }
    bool ok() const { return fds[0] >= 0 && fds[1] >= 0; }
};

std::vector<std::string> merged_environment(const RunOptions& options) {
    std::map<std::string, std::string> env;
    for (char** e = environ; e && *e; ++e) {
        std::string kv(*e);
        auto eq = kv.find('=');
        if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    for (const auto& [k, v] : options.env) {
        if (v)
            env[k] = *v;
        else
            env.erase(k);
    }
    std::vector<std::string> out;
    out.reserve(env.size());
    for (const auto& [k, v] : env) out.push_back(k + "=" + v);
    return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// Starts argv[0] (searched in PATH) with stdin, stdout and stderr on the pipes' ends, in
// options.cwd with the merged environment. The child's ends are closed here once it runs.
Result<pid_t> spawn(const std::vector<std::string>& argv, const RunOptions& options, Pipe& in, Pipe& out,
                    Pipe& err) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in.fds[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out.fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err.fds[1], 2);
    if (options.cwd) posix_spawn_file_actions_addchdir_np(&actions, options.cwd->c_str());

    auto args = argv;
    auto env = merged_environment(options);
    auto c_args = c_strings(args);
    auto c_env = c_strings(env);
    pid_t pid = -1;
    int rc = ::posix_spawnp(&pid, c_args[0], &actions, nullptr, c_args.data(), c_env.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return fail(ErrorKind::io, "cannot run " + argv[0] + ": " + std::strerror(rc));
    in.close_end(0);
    out.close_end(1);
    err.close_end(1);
    return pid;
}

// Feeds `input` to the child and reads its stdout and stderr until both close or the timeout
// passes (then the child is killed and result.timed_out set).
void pump(pid_t pid, std::string_view input, std::chrono::milliseconds timeout, Pipe& in, Pipe& out,
          Pipe& err, RunOutput& result) {
    if (input.empty())
        in.close_end(1);
    else
        ::fcntl(in.fds[1], F_SETFL, O_NONBLOCK);
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::array<char, 65536> buf{};
    while (out.fds[0] >= 0 || err.fds[0] >= 0) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                          std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            ::kill(pid, SIGKILL);
            result.timed_out = true;
            break;
        }
        std::array<pollfd, 3> pfds{pollfd{out.fds[0], POLLIN, 0}, pollfd{err.fds[0], POLLIN, 0},
                                   pollfd{in.fds[1], POLLOUT, 0}};
        ::poll(pfds.data(), pfds.size(), static_cast<int>(left.count()));
        for (int i = 0; i < 2; ++i) {
            if (pfds[static_cast<size_t>(i)].revents == 0) continue;
            Pipe& p = i == 0 ? out : err;
            ssize_t n = ::read(p.fds[0], buf.data(), buf.size());
            if (n > 0)
                (i == 0 ? result.output : result.errors).append(buf.data(), static_cast<size_t>(n));
            else if (n == 0 || errno != EINTR)
                p.close_end(0);
        }
        if (in.fds[1] >= 0 && pfds[2].revents != 0) {
            ssize_t n = ::write(in.fds[1], input.data(), input.size());
            if (n > 0) input.remove_prefix(static_cast<size_t>(n));
            if (n < 0 || input.empty()) in.close_end(1);
        }
    }
}

}  // namespace

Result<RunOutput> run_capture(const std::vector<std::string>& argv, const RunOptions& options) {
    if (argv.empty()) return fail(ErrorKind::internal, "run_capture: empty argv");
    Pipe in, out, err;
    if (!in.ok() || !out.ok() || !err.ok())
        return fail(ErrorKind::io, std::string("cannot create a pipe: ") + std::strerror(errno));
    auto pid = spawn(argv, options, in, out, err);
    if (!pid) return tl::unexpected(pid.error());

    RunOutput result;
    pump(*pid, options.input, options.timeout, in, out, err, result);
    int status = 0;
    while (::waitpid(*pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

}  // namespace tenki::util
