// RingBuffer: a fixed-capacity FIFO whose newest element overwrites the oldest once full. The
// viewer's history keeps its last N samples in these, so memory stays bounded however long the
// session runs. GL-free.
#pragma once

#include <cstddef>
#include <vector>

#include "sim/core/result.h"

namespace poselab::engine {

template <typename T>
class RingBuffer {
 public:
  // `capacity` > 0 elements; storage is allocated once, here.
  explicit RingBuffer(size_t capacity = 1) : data_(capacity) {
    POSELAB_ASSERT(capacity > 0, "RingBuffer needs a capacity of at least one");
  }

  // Appends; when full, the oldest element is dropped to make room.
  void Push(T value) {
    data_[(head_ + size_) % data_.size()] = std::move(value);
    if (size_ < data_.size()) {
      ++size_;
    } else {
      head_ = (head_ + 1) % data_.size();
    }
  }

  void Clear() {
    head_ = 0;
    size_ = 0;
  }

  size_t size() const { return size_; }
  size_t capacity() const { return data_.size(); }
  bool empty() const { return size_ == 0; }
  bool full() const { return size_ == data_.size(); }

  // Logical index: 0 = oldest, size() - 1 = newest.
  const T& operator[](size_t i) const {
    POSELAB_ASSERT(i < size_, "RingBuffer index out of range");
    return data_[(head_ + i) % data_.size()];
  }
  T& operator[](size_t i) {
    POSELAB_ASSERT(i < size_, "RingBuffer index out of range");
    return data_[(head_ + i) % data_.size()];
  }
  const T& front() const { return (*this)[0]; }
  const T& back() const { return (*this)[size_ - 1]; }

 private:
  std::vector<T> data_;
  size_t head_ = 0;  // storage slot of the oldest element
  size_t size_ = 0;
};

}  // namespace poselab::engine
