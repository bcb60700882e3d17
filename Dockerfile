# tenki in a container: build and test on Debian bookworm, ship the binary on bookworm-slim.
#   docker build -t tenki .            (runs the unit and integration tiers; a failure fails the build)
#   docker run -e OWM_API_KEY=... -p 5000:5000 tenki
FROM debian:bookworm AS build
ENV DEBIAN_FRONTEND=noninteractive
WORKDIR /src
COPY . .
# What `make check` needs, from the one list (scripts/install-deps.sh --check): the build's
# libraries, the tiers' servers and test tools, as a developer's machine gets them.
RUN scripts/install-deps.sh --check && rm -rf /var/lib/apt/lists/*
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DTENKI_WERROR=ON \
    && cmake --build build --parallel
# The tiers the image depends on: unit, and integration (redis-server, nginx, fake upstreams).
RUN build/tenki test && build/tenki integration
RUN DESTDIR=/out cmake --install build --prefix /usr

FROM debian:bookworm-slim
# The shared libraries tenki and its time-zone module (lib/tenki/tenki_tz.so, loaded on first use
# of a local time) link, and the tz database they read.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends \
        libcurl4 libhiredis0.14 libfmt9 libtomlplusplus3 libbrotli1 zlib1g libcctz2 tzdata \
        ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/usr/bin/tenki /usr/bin/tenki
COPY --from=build /out/usr/lib/tenki /usr/lib/tenki
USER 65534:65534
ENV TENKI_ENV=prod TENKI_HOST=0.0.0.0 TENKI_PORT=5000
EXPOSE 5000
ENTRYPOINT ["/usr/bin/tenki"]
CMD ["serve"]
