// Image writing: row flip, PNG round trip, PNG-sequence fallback of the video writer.
#include "engine/image_io.h"

#include <gtest/gtest.h>
#include <stb_image.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace poselab::engine {
namespace {
namespace fs = std::filesystem;

RgbImage MakeGradient(int width, int height) {
  RgbImage image{width, height, std::vector<uint8_t>(static_cast<size_t>(width) * height * 3)};
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      uint8_t* p = &image.pixels[(static_cast<size_t>(y) * width + x) * 3];
      p[0] = static_cast<uint8_t>(x * 10);
      p[1] = static_cast<uint8_t>(y * 10);
      p[2] = 77;
    }
  }
  return image;
}

fs::path ScratchDir(const std::string& name) {
  // The pid keeps parallel runs from different build directories apart.
  fs::path dir =
      fs::temp_directory_path() / ("poselab_image_io_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(ImageIo, FlipRowsReversesRowOrder) {
  for (int height : {1, 4, 5}) {
    RgbImage image = MakeGradient(3, height);
    const RgbImage original = image;
    FlipRows(&image);
    for (int y = 0; y < height; ++y) {
      EXPECT_EQ(image.pixels[static_cast<size_t>(y) * 9 + 1],
                original.pixels[static_cast<size_t>(height - 1 - y) * 9 + 1]);
    }
    FlipRows(&image);
    EXPECT_EQ(image.pixels, original.pixels);
  }
}

TEST(ImageIo, PngRoundTripsExactly) {
  const fs::path path = ScratchDir("png") / "gradient.png";
  const RgbImage image = MakeGradient(7, 5);
  ASSERT_TRUE(WritePng(image, path.string()).ok());
  int w = 0, h = 0, channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &w, &h, &channels, 3);
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(w, 7);
  EXPECT_EQ(h, 5);
  EXPECT_TRUE(std::equal(image.pixels.begin(), image.pixels.end(), data));
  stbi_image_free(data);
  fs::remove_all(path.parent_path());
}

TEST(ImageIo, WritePngReportsTheFailingPath) {
  const sim::Status status = WritePng(MakeGradient(2, 2), "/nonexistent_dir/x.png");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("/nonexistent_dir/x.png"), std::string::npos);
}

TEST(ImageIo, VideoWithoutFfmpegWritesAPngSequence) {
  // Hide ffmpeg (if any) by emptying PATH for the duration of the test.
  const std::string saved_path = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", "/nonexistent", 1);
  const fs::path dir = ScratchDir("video");
  {
    sim::Result<VideoWriter> writer = VideoWriter::Open((dir / "run.mp4").string(), 4, 2, 30.0);
    ::setenv("PATH", saved_path.c_str(), 1);
    ASSERT_TRUE(writer.ok()) << writer.error();
    EXPECT_FALSE(writer.value().uses_ffmpeg());
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(writer.value().Write(MakeGradient(4, 2)).ok());
    EXPECT_TRUE(writer.value().Close().ok());
    EXPECT_EQ(writer.value().frame_count(), 3);
  }
  EXPECT_TRUE(fs::exists(dir / "run" / "frame_00000.png"));
  EXPECT_TRUE(fs::exists(dir / "run" / "frame_00002.png"));
  EXPECT_FALSE(fs::exists(dir / "run.mp4"));
  fs::remove_all(dir);
}

TEST(ImageIo, IsOnPathFindsShell) {
  EXPECT_TRUE(IsOnPath("sh"));
  EXPECT_FALSE(IsOnPath("poselab_surely_not_a_program"));
}

}  // namespace
}  // namespace poselab::engine
