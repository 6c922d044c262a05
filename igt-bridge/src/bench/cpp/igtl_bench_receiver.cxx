// IMAGE stream receiver for `cathnav bench igtl`, built against the reference OpenIGTLink library: the
// library's own receive path (header, Unpack, body, Unpack with or without the CRC-64 check).
//
//   igtl_bench_receiver <port> <crc 0|1> <latency-file>
//
// Listens on 127.0.0.1:<port>, prints "listening port=<port>" once bound, serves one connection until the peer
// closes, and writes one latency per received IMAGE to <latency-file> (ns, receive-complete wall clock minus
// the header timestamp). Prints at the end:
//   frames=<n> bytes=<total message bytes> seconds=<first to last complete message> crcErrors=<n>
// The rate is (frames - 1) / seconds: intervals between complete messages, as the Java side measures it.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

#include "igtlImageMessage.h"
#include "igtlMessageHeader.h"
#include "igtlServerSocket.h"

namespace {

uint64_t Nanos(clockid_t clock) {
  timespec ts;
  clock_gettime(clock, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000ULL + static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace

int main(int argc, char* argv[]) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s <port> <crc 0|1> <latency-file>\n", argv[0]);
    return 2;
  }
  int port = std::atoi(argv[1]);
  int crc = std::atoi(argv[2]) != 0 ? 1 : 0;
  const char* latencyPath = argv[3];

  igtl::ServerSocket::Pointer server = igtl::ServerSocket::New();
  if (server->CreateServer(port) < 0) {
    std::fprintf(stderr, "cannot listen on port %d\n", port);
    return 4;
  }
  std::printf("listening port=%d\n", port);
  std::fflush(stdout);

  igtl::Socket::Pointer socket;
  while (socket.IsNull()) {
    socket = server->WaitForConnection(1000);
  }

  std::vector<uint64_t> latencies;
  latencies.reserve(1 << 16);
  igtl::MessageHeader::Pointer header = igtl::MessageHeader::New();
  igtl::ImageMessage::Pointer image = igtl::ImageMessage::New();
  long frames = 0;
  long crcErrors = 0;
  uint64_t bytes = 0;
  uint64_t first = 0;
  uint64_t last = 0;
  for (;;) {
    header->InitPack();
    int r = socket->Receive(header->GetPackPointer(), header->GetPackSize());
    if (r != header->GetPackSize()) break;
    header->Unpack();
    if (std::strcmp(header->GetDeviceType(), "IMAGE") != 0) {
      socket->Skip(header->GetBodySizeToRead(), 0);
      continue;
    }
    image->SetMessageHeader(header);
    image->AllocatePack();
    r = socket->Receive(image->GetPackBodyPointer(), image->GetPackBodySize());
    if (r != image->GetPackBodySize()) break;
    int status = image->Unpack(crc);
    if (!(status & igtl::MessageHeader::UNPACK_BODY)) {
      ++crcErrors;
      continue;
    }
    unsigned int sec = 0;
    unsigned int frac = 0;
    header->GetTimeStamp(&sec, &frac);
    uint64_t now = Nanos(CLOCK_REALTIME);
    last = Nanos(CLOCK_MONOTONIC);
    if (first == 0) first = last;
    uint64_t stamp = static_cast<uint64_t>(sec) * 1000000000ULL + ((static_cast<uint64_t>(frac) * 1000000000ULL) >> 32);
    latencies.push_back(now > stamp ? now - stamp : 0);
    ++frames;
    bytes += static_cast<uint64_t>(header->GetPackSize()) + static_cast<uint64_t>(image->GetPackBodySize());
  }
  socket->CloseSocket();

  FILE* out = std::fopen(latencyPath, "w");
  if (out == nullptr) {
    std::fprintf(stderr, "cannot write %s\n", latencyPath);
    return 1;
  }
  for (size_t i = 0; i < latencies.size(); ++i) std::fprintf(out, "%llu\n", static_cast<unsigned long long>(latencies[i]));
  std::fclose(out);
  std::printf("frames=%ld bytes=%llu seconds=%.6f crcErrors=%ld\n", frames, static_cast<unsigned long long>(bytes),
              frames > 0 ? static_cast<double>(last - first) / 1e9 : 0.0, crcErrors);
  return 0;
}
