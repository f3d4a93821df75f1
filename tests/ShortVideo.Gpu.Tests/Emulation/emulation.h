// topk.cu's primitives on the CPU, for tests: every CUDA thread of a block is a fiber and every barrier,
// shuffle and vote is a meeting point of the fibers it concerns (cuda_emulator.cpp). A fiber runs until its
// next meeting point, so a missing barrier shows up as a read of values the other lanes have not written yet.
#pragma once

#define KERNEL extern "C"
#define DEVICE static inline
#define METHOD
#define SHARED static

namespace emulator
{
int thread_x();
int block_x();
int block_y();
int grid_x();
void sync_block();
void sync_warp();
void exchange_xor(float score, int row, int mask, float& otherScore, int& otherRow);
bool any_lane(bool predicate);
float* shared_memory();
}

DEVICE int thread_x() { return emulator::thread_x(); }
DEVICE int block_x() { return emulator::block_x(); }
DEVICE int block_y() { return emulator::block_y(); }
DEVICE int grid_x() { return emulator::grid_x(); }
DEVICE void sync_block() { emulator::sync_block(); }
DEVICE void sync_warp() { emulator::sync_warp(); }
DEVICE void exchange_xor(float score, int row, int mask, float& otherScore, int& otherRow)
{
    emulator::exchange_xor(score, row, mask, otherScore, otherRow);
}
DEVICE bool any_lane(bool predicate) { return emulator::any_lane(predicate); }
DEVICE float* shared_memory() { return emulator::shared_memory(); }
