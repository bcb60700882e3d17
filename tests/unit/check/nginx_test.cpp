#include <catch2/catch.hpp>

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
