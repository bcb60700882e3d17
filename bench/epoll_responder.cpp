// The ceiling of the server benchmarks: a minimal HTTP/1.1 responder on epoll that answers every
// request with the same bytes (a 200 with a fixed body read from a file at start-up), without
// parsing it. Each thread has its own SO_REUSEPORT listener and epoll set, level-triggered; a read
// answers one response per "\r\n\r\n" it holds (wrk never splits or pipelines a GET). Bodies only:
// a request with a body would be answered wrongly, which wrk's GETs never send.
//
// Usage: epoll_responder PORT THREADS BODY_FILE [CONTENT_ENCODING]
// BODY_FILE's bytes are the body as sent (already compressed when CONTENT_ENCODING is given).
// Built by bench/serve_vs_static.sh and bench/wttr.sh with the system compiler; no dependency
// beyond libc.
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

int listen_on(int port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd, 4096) != 0) {
        std::perror("epoll_responder: bind/listen");
        std::exit(1);
    }
    return fd;
}

// Writes all of `out`: a partial write (a body larger than the socket's send buffer) waits for
// room and goes on, so a large body is never cut short. False when the connection failed.
bool write_all(int fd, std::string_view out) {
    while (!out.empty()) {
        ssize_t put = write(fd, out.data(), out.size());
        if (put < 0 && errno == EAGAIN) {
            pollfd p{fd, POLLOUT, 0};
            poll(&p, 1, 1000);
            continue;
        }
        if (put <= 0) return false;
        out.remove_prefix(static_cast<size_t>(put));
    }
    return true;
}

size_t count_requests(std::string_view data, std::string& tail) {
    tail.append(data);
    size_t n = 0, at = 0, found;
    while ((found = tail.find("\r\n\r\n", at)) != std::string::npos) {
        ++n;
        at = found + 4;
    }
    tail.erase(0, at);
    return n;
}

void serve(int port, const std::string& response) {
    int listener = listen_on(port);
    int ep = epoll_create1(0);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = listener;
    epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
    std::vector<std::string> tails(65536);
    std::vector<epoll_event> events(512);
    std::string out;
    char buf[16384];
    for (;;) {
        int ready = epoll_wait(ep, events.data(), static_cast<int>(events.size()), -1);
        for (int i = 0; i < ready; ++i) {
            int fd = events[i].data.fd;
            if (fd == listener) {
                int c;
                while ((c = accept4(listener, nullptr, nullptr, SOCK_NONBLOCK)) >= 0) {
                    int one = 1;
                    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    epoll_event cev{};
                    cev.events = EPOLLIN;
                    cev.data.fd = c;
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                    tails[static_cast<size_t>(c) % tails.size()].clear();
                }
                continue;
            }
            ssize_t got = read(fd, buf, sizeof buf);
            if (got <= 0) {
                close(fd);
                continue;
            }
            size_t n = count_requests({buf, static_cast<size_t>(got)},
                                      tails[static_cast<size_t>(fd) % tails.size()]);
            out.clear();
            for (size_t k = 0; k < n; ++k) out += response;
            if (!out.empty() && !write_all(fd, out)) close(fd);
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: epoll_responder PORT THREADS BODY_FILE [CONTENT_ENCODING]\n");
        return 2;
    }
    std::ifstream in(argv[3], std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string response = "HTTP/1.1 200 OK\r\nServer: epoll_responder\r\nContent-Type: application/json\r\n";
    if (argc > 4) response += std::string("Content-Encoding: ") + argv[4] + "\r\n";
    response += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    int port = std::atoi(argv[1]);
    std::vector<std::thread> threads;
    for (int t = 0; t < std::atoi(argv[2]); ++t) threads.emplace_back(serve, port, std::cref(response));
    for (auto& t : threads) t.join();
}
