// IMAGE stream sender for `cathnav bench igtl`, built against the reference OpenIGTLink library.
//
//   igtl_bench_sender <host> <port> <width> <height> <count> <fps>
//
// Sends <count> uint16 IMAGE messages of <width> x <height> x 1 (device "BenchImage", header version 1).
// The message is packed once (the library computes its CRC-64 then); each frame then only has its header
// timestamp patched, which the CRC does not cover, so the sender costs a memcpy-free write per frame and the
// receiver under test is what limits the rate.
//   fps == 0 : as fast as possible (throughput); the timestamp is the send time.
//   fps  > 0 : paced on an absolute schedule; the timestamp is the frame's *intended* send time
//              (wall clock, CLOCK_REALTIME), so a stalled receiver shows up as latency instead of
//              slowing the sender (coordinated omission is corrected at the source).
// Prints one line to stdout at the end: sent=<n> seconds=<s>.
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "igtlClientSocket.h"
#include "igtlImageMessage.h"

namespace {

const int kTimestampOffset = 34;  // OpenIGTLink header: version(2) type(12) device(20) -> timestamp(8)

uint64_t Nanos(clockid_t clock) {
  timespec ts;
  clock_gettime(clock, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000ULL + static_cast<uint64_t>(ts.tv_nsec);
}

// Writes an OpenIGTLink timestamp (u32 seconds, u32 fraction of 2^-32 s, big-endian) for a wall-clock time in ns.
void PatchTimestamp(unsigned char* header, uint64_t wallNanos) {
  uint32_t sec = static_cast<uint32_t>(wallNanos / 1000000000ULL);
  uint64_t ns = wallNanos % 1000000000ULL;
  uint32_t frac = static_cast<uint32_t>((ns << 32) / 1000000000ULL);
  unsigned char* p = header + kTimestampOffset;
  for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(sec >> (24 - 8 * i));
  for (int i = 0; i < 4; ++i) p[4 + i] = static_cast<unsigned char>(frac >> (24 - 8 * i));
}

}  // namespace

int main(int argc, char* argv[]) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: %s <host> <port> <width> <height> <count> <fps>\n", argv[0]);
    return 2;
  }
  const char* host = argv[1];
  int port = std::atoi(argv[2]);
  int width = std::atoi(argv[3]);
  int height = std::atoi(argv[4]);
  long count = std::atol(argv[5]);
  double fps = std::atof(argv[6]);
  if (port <= 0 || width <= 0 || height <= 0 || count <= 0 || fps < 0) {
    std::fprintf(stderr, "bad arguments: port=%d width=%d height=%d count=%ld fps=%f\n", port, width, height, count, fps);
    return 2;
  }

  igtl::ImageMessage::Pointer image = igtl::ImageMessage::New();
  int size[] = {width, height, 1};
  float spacing[] = {0.2f, 0.2f, 1.0f};
  image->SetDimensions(size);
  image->SetSpacing(spacing);
  image->SetScalarType(igtl::ImageMessage::TYPE_UINT16);
  image->SetDeviceName("BenchImage");
  image->AllocateScalars();
  uint16_t* pixels = static_cast<uint16_t*>(image->GetScalarPointer());
  for (long i = 0; i < static_cast<long>(width) * height; ++i) {
    pixels[i] = static_cast<uint16_t>((i * 2654435761u) >> 16);
  }
  image->Pack();
  unsigned char* packed = static_cast<unsigned char*>(image->GetPackPointer());
  int packedSize = image->GetPackSize();

  igtl::ClientSocket::Pointer socket = igtl::ClientSocket::New();
  if (socket->ConnectToServer(host, port) != 0) {
    std::fprintf(stderr, "cannot connect to %s:%d\n", host, port);
    return 4;
  }

  const uint64_t intervalNs = fps > 0 ? static_cast<uint64_t>(1e9 / fps) : 0;
  const uint64_t startMono = Nanos(CLOCK_MONOTONIC);
  const uint64_t startWall = Nanos(CLOCK_REALTIME);
  long sent = 0;
  for (long i = 0; i < count; ++i) {
    uint64_t wall;
    if (intervalNs > 0) {
      uint64_t due = startMono + intervalNs * static_cast<uint64_t>(i + 1);
      timespec ts;
      ts.tv_sec = static_cast<time_t>(due / 1000000000ULL);
      ts.tv_nsec = static_cast<long>(due % 1000000000ULL);
      while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
      }
      wall = startWall + (due - startMono);
    } else {
      wall = Nanos(CLOCK_REALTIME);
    }
    PatchTimestamp(packed, wall);
    if (socket->Send(packed, packedSize) == 0) {
      std::fprintf(stderr, "send failed after %ld frames\n", sent);
      break;
    }
    ++sent;
  }
  double seconds = static_cast<double>(Nanos(CLOCK_MONOTONIC) - startMono) / 1e9;
  socket->CloseSocket();
  std::printf("sent=%ld seconds=%.6f\n", sent, seconds);
  return sent == count ? 0 : 4;
}
