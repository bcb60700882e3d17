#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "check/nginx.hpp"
#include "support/temp_dir.hpp"
#include "tenki/check/check.hpp"

using NginxTargets = std::vector<std::string>;

TEST_CASE("nginx proxy targets: upstream servers behind proxy_pass, direct ones, comments left out",
          "[check][deploy]") {
    const auto shipped = tenki::test::read_file(std::string(TENKI_SOURCE_DIR) + "/deploy/nginx/tenki.conf");
    // Two locations pass to the same upstream: its servers once.
    CHECK(tenki::nginx_proxy_targets(shipped) == NginxTargets{"127.0.0.1:5001", "127.0.0.1:5002"});
    CHECK(tenki::nginx_proxy_targets("location / { proxy_pass http://localhost:8080/api/; }") ==
          NginxTargets{"localhost:8080"});
    CHECK(tenki::nginx_proxy_targets("location / { proxy_pass https://[::1]; }") ==
          NginxTargets{"[::1]:443"});
    CHECK(tenki::nginx_proxy_targets("# proxy_pass http://127.0.0.1:1;\n").empty());
    CHECK(tenki::nginx_proxy_targets("upstream a { server 127.0.0.1:9 weight=2; }\n"
                                     "server { listen 80; location / { proxy_pass http://a; } }") ==
          NginxTargets{"127.0.0.1:9"});
    CHECK(tenki::nginx_proxy_targets("location / { proxy_pass http://unix:/run/tenki.sock; }") ==
          NginxTargets{"unix:/run/tenki.sock"});
}

TEST_CASE("host and port from URLs and addresses, and loopback by address or name", "[check]") {
    using tenki::check_detail::split_host_port;
    REQUIRE(split_host_port("https://API.example.com/data"));
    CHECK(split_host_port("https://API.example.com/data")->host == "api.example.com");
    CHECK(split_host_port("https://API.example.com/data")->port == 443);
    CHECK(split_host_port("127.0.0.1:5001")->port == 5001);
    CHECK(split_host_port("[::1]:80")->host == "::1");
    CHECK_FALSE(split_host_port("http://:80"));
    CHECK_FALSE(split_host_port("host:port"));
    CHECK(tenki::check_detail::is_loopback_host("127.0.0.2"));
    CHECK(tenki::check_detail::is_loopback_host("::1"));
    CHECK(tenki::check_detail::is_loopback_host("LocalHost"));
    CHECK_FALSE(tenki::check_detail::is_loopback_host("0.0.0.0"));
    CHECK_FALSE(tenki::check_detail::is_loopback_host("10.0.0.1"));
}

TEST_CASE("nginx -t's verdict: the kind of error, file and line, never a word of the config", "[check]") {
    using tenki::check_detail::nginx_verdict;
    CHECK(nginx_verdict("nginx: [emerg] unknown directive \"tokenfromafile\" in /etc/nginx/secret.conf:3\n"
                        "nginx: configuration file /etc/nginx/nginx.conf test failed\n") ==
          "[emerg] unknown directive in /etc/nginx/secret.conf:3");
    CHECK(
        nginx_verdict("nginx: [emerg] invalid number of arguments in \"listen\" directive in /a b.conf:12") ==
        "[emerg] invalid number of arguments in directive in /a b.conf:12");
    CHECK(nginx_verdict(
              "nginx: [emerg] open() \"/etc/x\" failed (2: No such file or directory) in /n.conf:5") ==
          "[emerg] open() failed (2: No such file or directory) in /n.conf:5");
    // A word nginx's messages are not made of is no word of theirs: it is never echoed.
    CHECK(nginx_verdict("nginx: [emerg] invalid parameter tokenfromafile in /n.conf:1") ==
          "[emerg] an error nginx -t explains itself in /n.conf:1");
    // A quoted word that looks like a location is not taken for one.
    CHECK(nginx_verdict("nginx: [emerg] unknown directive \"x in tokenfromafile:3\" in /n.conf:1") ==
          "[emerg] unknown directive in /n.conf:1");
    // A quoted brace or semicolon alone is kept: it cannot be a secret, and says what was wrong.
    CHECK(nginx_verdict("2026/06/01 10:00:00 [emerg] 12#12: unexpected \"}\" in /n.conf:9") ==
          "[emerg] unexpected \"}\" in /n.conf:9");
    CHECK(nginx_verdict("nginx: [emerg] unexpected \";\" in /n.conf:2") ==
          "[emerg] unexpected \";\" in /n.conf:2");
    CHECK(nginx_verdict("nginx: [emerg] unexpected \"};x\" in /n.conf:2") ==
          "[emerg] unexpected in /n.conf:2");
    CHECK(nginx_verdict("nginx: something else entirely") == "nginx -t failed without saying where");
}

TEST_CASE("nginx -t's verdict: files the read-only sandbox kept it from creating are no error", "[check]") {
    using tenki::check_detail::nginx_verdict;
    CHECK(nginx_verdict("nginx: [emerg] open() \"/run/nginx.pid\" failed (30: Read-only file system)\n"
                        "nginx: configuration file /etc/nginx/nginx.conf test failed\n")
              .empty());
    CHECK(nginx_verdict("nginx: [warn] the \"user\" directive makes sense only if the master process runs "
                        "with super-user privileges, ignored in /n.conf:1")
              .empty());
}

TEST_CASE("nginx -t runs in a private mount namespace where only the prefix is writable", "[check]") {
    const auto argv = tenki::check_detail::sandboxed("/tmp/prefix", {"nginx", "-t"});
    REQUIRE(argv.size() > 4);
    CHECK(argv.front() == "unshare");
    CHECK(std::find(argv.begin(), argv.end(), "--mount") != argv.end());
    CHECK(argv[argv.size() - 3] == "/tmp/prefix");
    CHECK(argv[argv.size() - 2] == "nginx");
    CHECK(argv.back() == "-t");
}
