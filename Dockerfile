# syntax=docker/dockerfile:1
# The kg CLI in a small image. Build: docker build -t kg .   (or: docker compose build kg)

FROM golang:1.26 AS build
WORKDIR /src
# Modules first, so that source edits reuse the download layer.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# Pure Go (the embedded store is modernc.org/sqlite): a static binary for a base without libc.
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/kg ./cmd/kg

# distroless/static: CA certificates (for neo4j+s:// and Aura), tzdata, a non-root user, no shell.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/kg /usr/local/bin/kg
# The embedded store (used only without NEO4J_URI) is written to the working directory.
WORKDIR /home/nonroot
ENTRYPOINT ["/usr/local/bin/kg"]
CMD ["--help"]
