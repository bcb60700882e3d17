#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/serve_options.hpp"
#include "tenki/check/check.hpp"

namespace tenki::cli {

namespace {

struct CheckOptions {
    ServeArgs serve;  // serve's options as given; serve_settings decides what serve would run with
    bool deploy = false;
    bool online = false;
    bool json = false;
    bool list = false;
    std::string fail_level = "error";
    std::optional<std::filesystem::path> nginx_conf;
};

// serve's options as core's CheckInput. A value serve would refuse to start with is
// invalid_input, as serve says it.
Result<CheckInput> check_input(const CheckOptions& opt, ServeOptions& serve, const Settings& settings,
                               bool verbose) {
    CheckInput in;
    in.provider = provider_setup(serve.providers, std::chrono::seconds(3),
                                 std::chrono::seconds(serve.upstream_timeout), verbose);
    in.host = serve.transport.host;
    in.port = serve.transport.port;
    if (auto ok = apply_trusted_proxies(serve, serve.transport); !ok) return tl::unexpected(ok.error());
    in.trusted_proxies = serve.transport.trusted_proxies;
    in.cache_ttl = std::chrono::seconds(serve.cache_ttl);
    in.forecast_ttl = std::chrono::seconds(serve.forecast_ttl);
    if (serve.upstream_rate) {
        auto rate = parse_rate_limit(*serve.upstream_rate);
        if (!rate) return tl::unexpected(rate.error());
        in.upstream_rate = *rate;
    }
    if (serve.cache == "redis") {
        auto redis = shared_cache_options(serve_service_config(serve, settings, verbose));
        if (!redis) return tl::unexpected(redis.error());
        in.redis = std::move(*redis);
    }
    auto place = parse_location(settings.default_postal_code, settings.default_country);
    if (!place) return tl::unexpected(place.error());
    in.place = *place;
    in.nginx_conf = opt.nginx_conf;
    in.deploy = opt.deploy;
    in.online = opt.online;
    return in;
}

// The table itself: id, level, when it runs, what it looks at.
void print_table() {
    for (const auto& check : checks())
        std::cout << fmt::format("{:<30} {:<8} {:<7} {}\n", check.id, to_string(check.level),
                                 check.deploy_only ? "deploy" : "always", check.summary);
}

CommandResult run_check(const CheckOptions& opt, const Context& ctx) {
    if (opt.list) {
        print_table();
        return 0;
    }
    auto serve = serve_settings(opt.serve, ctx);
    if (!serve) return tl::unexpected(serve.error());
    auto input = check_input(opt, *serve, ctx.settings, ctx.verbose);
    if (!input) return tl::unexpected(input.error());
    const bool deploy = input->deploy;
    const auto findings = run_checks(gather_check_facts(std::move(*input)));
    std::cout << (opt.json ? findings_json(findings, deploy) + "\n" : format_findings(findings, deploy));
    auto level = parse_check_level(opt.fail_level);
    if (!level) return tl::unexpected(level.error());
    // A configuration with a finding at --fail-level is invalid input to serve, as `config --check`'s.
    return fails_at(findings, *level) ? exit_status(ErrorKind::invalid_input) : 0;
}

}  // namespace

void register_check(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<CheckOptions>();
    auto* sub =
        app.add_subcommand("check", "Check the configuration `tenki serve` would run with (no weather call)");
    add_serve_options(*sub, opt->serve);
    sub->add_flag("--deploy", opt->deploy,
                  "Add the production checks (listening beyond loopback, plain HTTP)");
    sub->add_option("--fail-level", opt->fail_level, "Exit 2 when a finding is at this level or above")
        ->check(CLI::IsMember({"warning", "error"}))
        ->capture_default_str();
    sub->add_flag("-j,--json", opt->json, "Print the findings as one JSON document");
    sub->add_option("--nginx-conf", opt->nginx_conf,
                    "An nginx config in front of tenki (a whole nginx.conf, or an http {} part like "
                    "deploy/nginx/tenki.conf): nginx -t, and that it proxies to --host:--port");
    sub->add_flag("--online", opt->online,
                  "Make one real weather call for the default place through the provider");
    sub->add_flag("--list", opt->list,
                  "Print the table of checks: id, level, when it runs, what it looks at");
    sub->footer(
        "Takes every `tenki serve` option, variable and config-file setting, and looks at what serve would "
        "run with: the key "
        "(never printed), the provider, Redis, the budget, the TTLs, nginx. Without --online no weather "
        "call is made. Exits 0, or 2 when a finding is at --fail-level or above.");
    sub->callback([opt, &ctx] { ctx.run = [opt, &ctx] { return run_check(*opt, ctx); }; });
}

}  // namespace tenki::cli
