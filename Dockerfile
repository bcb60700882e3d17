# tenki in a container: build and test on Debian bookworm, ship the binary on bookworm-slim.
#   docker build -t tenki .            (runs the unit and integration tiers; a failure fails the build)
#   docker run -e OWM_API_KEY=... -p 5000:5000 tenki
FROM debian:bookworm AS build
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends \
        cmake ninja-build g++ make pkg-config git ca-certificates \
        libcli11-dev libcurl4-openssl-dev nlohmann-json3-dev libfmt-dev libexpected-dev \
        libboost1.81-dev libhiredis-dev libtomlplusplus-dev catch2 gettext \
        man-db groff-base curl redis-server nginx-light \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DTENKI_WERROR=ON \
    && cmake --build build --parallel
# The tiers the image depends on: unit, and integration (redis-server, nginx, fake upstreams).
RUN build/tenki test && build/tenki integration
RUN DESTDIR=/out cmake --install build --prefix /usr

FROM debian:bookworm-slim
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends \
        libcurl4 libhiredis0.14 libfmt9 libtomlplusplus3 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/usr/bin/tenki /usr/bin/tenki
USER 65534:65534
ENV TENKI_ENV=prod TENKI_HOST=0.0.0.0 TENKI_PORT=5000
EXPOSE 5000
ENTRYPOINT ["/usr/bin/tenki"]
CMD ["serve"]
