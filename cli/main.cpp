#include "app.hpp"

int main(int argc, char** argv) { return tenki::cli::run_app(argc, argv); }
