// RingBuffer: order, wrap-around (the oldest is overwritten), clearing.
#include "engine/ring_buffer.h"

#include <gtest/gtest.h>

namespace poselab::engine {
namespace {

TEST(RingBuffer, KeepsInsertionOrderBeforeItIsFull) {
  RingBuffer<int> ring(4);
  ring.Push(1);
  ring.Push(2);
  ring.Push(3);
  ASSERT_EQ(ring.size(), 3u);
  EXPECT_FALSE(ring.full());
  EXPECT_EQ(ring.front(), 1);
  EXPECT_EQ(ring[1], 2);
  EXPECT_EQ(ring.back(), 3);
}

TEST(RingBuffer, WrapsAroundDroppingTheOldest) {
  RingBuffer<int> ring(3);
  for (int i = 1; i <= 8; ++i) ring.Push(i);
  // Capacity 3 after pushing 1..8: 6, 7, 8 remain, oldest first, whatever the storage slot.
  ASSERT_EQ(ring.size(), 3u);
  EXPECT_TRUE(ring.full());
  EXPECT_EQ(ring[0], 6);
  EXPECT_EQ(ring[1], 7);
  EXPECT_EQ(ring[2], 8);
  EXPECT_EQ(ring.capacity(), 3u);
}

TEST(RingBuffer, ElementsCanBeChangedInPlace) {
  RingBuffer<int> ring(2);
  ring.Push(1);
  ring.Push(2);
  ring.Push(3);
  ring[0] += 10;
  EXPECT_EQ(ring.front(), 12);
  EXPECT_EQ(ring.back(), 3);
}

TEST(RingBuffer, ClearEmptiesAndRefillsFromTheStart) {
  RingBuffer<int> ring(3);
  for (int i = 0; i < 5; ++i) ring.Push(i);
  ring.Clear();
  EXPECT_TRUE(ring.empty());
  ring.Push(42);
  ASSERT_EQ(ring.size(), 1u);
  EXPECT_EQ(ring.front(), 42);
  EXPECT_EQ(ring.back(), 42);
}

}  // namespace
}  // namespace poselab::engine
