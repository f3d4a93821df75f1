// A stand-in for libcuda.so.1 that runs topk.cu on the CPU, so that the tests drive CudaTopK (driver
// binding, device mirror, launches, phase 2, result mapping) end to end on machines without a GPU.
// "Device memory" is host memory; a launch runs its blocks one after another, each block's 256 threads as
// fibers (ucontext) meeting at barriers, shuffles and votes. Allocations carry guard bytes checked after
// every launch and copy, so a kernel or a copy that writes past a buffer fails the call.
//
// Built by the tests (EmulatedDriver.cs) with clang++ -std=c++20 -shared -fPIC -DTOPK_EMULATION; the same
// topk.cu that build-ptx.sh compiles for the GPU is included below.
#include <ucontext.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "emulation.h"

namespace emulator
{
constexpr int BlockThreads = 256;
constexpr int Warps = BlockThreads / 32;
constexpr size_t StackBytes = 256 * 1024;

struct Barrier
{
    int expected = 0;
    int arrived = 0;
    unsigned generation = 0;
};

struct Fiber
{
    ucontext_t context;
    std::vector<char> stack;
    Barrier* waiting = nullptr;
    unsigned waitGeneration = 0;
    unsigned warpPhase = 0;
    bool done = false;
};

struct Block
{
    int x = 0;
    int y = 0;
    int gridX = 1;
    float* shared = nullptr;
    Barrier block;
    Barrier warp[Warps];
    // Two exchange buffers per warp, used alternately: a lane can only reach the next use of a buffer after
    // every lane has passed the meeting point between, so values are never overwritten before they are read.
    float exchangeScore[Warps][2][32];
    int exchangeRow[Warps][2][32];
};

Fiber fibers[BlockThreads];
Block block;
int current = -1;
ucontext_t scheduler;
void (*body)(void** params) = nullptr;
void** bodyParams = nullptr;

void wait(Barrier& barrier)
{
    unsigned generation = barrier.generation;
    if (++barrier.arrived == barrier.expected)
    {
        barrier.arrived = 0;
        barrier.generation++;
        return;
    }

    Fiber& fiber = fibers[current];
    fiber.waiting = &barrier;
    fiber.waitGeneration = generation;
    swapcontext(&fiber.context, &scheduler);
}

int thread_x() { return current; }
int block_x() { return block.x; }
int block_y() { return block.y; }
int grid_x() { return block.gridX; }
float* shared_memory() { return block.shared; }
void sync_block() { wait(block.block); }

void sync_warp()
{
    fibers[current].warpPhase++;
    wait(block.warp[current >> 5]);
}

void exchange_xor(float score, int row, int mask, float& otherScore, int& otherRow)
{
    int warp = current >> 5;
    int lane = current & 31;
    int phase = fibers[current].warpPhase++ & 1;
    block.exchangeScore[warp][phase][lane] = score;
    block.exchangeRow[warp][phase][lane] = row;
    wait(block.warp[warp]);
    otherScore = block.exchangeScore[warp][phase][lane ^ mask];
    otherRow = block.exchangeRow[warp][phase][lane ^ mask];
}

bool any_lane(bool predicate)
{
    int warp = current >> 5;
    int lane = current & 31;
    int phase = fibers[current].warpPhase++ & 1;
    block.exchangeRow[warp][phase][lane] = predicate ? 1 : 0;
    wait(block.warp[warp]);
    bool any = false;
    for (int l = 0; l < 32; ++l)
    {
        any = any || block.exchangeRow[warp][phase][l] != 0;
    }

    return any;
}

void entry()
{
    body(bodyParams);
    fibers[current].done = true;
}

// Runs one block to completion; false when its threads wait on each other forever (a barrier that not
// every thread reaches, which on a GPU hangs or is undefined).
bool run_block()
{
    block.block = Barrier{BlockThreads, 0, 0};
    for (auto& warp : block.warp)
    {
        warp = Barrier{32, 0, 0};
    }

    for (int t = 0; t < BlockThreads; ++t)
    {
        Fiber& fiber = fibers[t];
        fiber.stack.resize(StackBytes);
        fiber.waiting = nullptr;
        fiber.warpPhase = 0;
        fiber.done = false;
        getcontext(&fiber.context);
        fiber.context.uc_stack.ss_sp = fiber.stack.data();
        fiber.context.uc_stack.ss_size = fiber.stack.size();
        fiber.context.uc_link = &scheduler;
        makecontext(&fiber.context, entry, 0);
    }

    int finished = 0;
    while (finished < BlockThreads)
    {
        bool progressed = false;
        finished = 0;
        for (int t = 0; t < BlockThreads; ++t)
        {
            Fiber& fiber = fibers[t];
            if (fiber.done)
            {
                finished++;
                continue;
            }

            if (fiber.waiting != nullptr && fiber.waiting->generation == fiber.waitGeneration)
            {
                continue;
            }

            fiber.waiting = nullptr;
            current = t;
            swapcontext(&scheduler, &fiber.context);
            progressed = true;
        }

        if (!progressed && finished < BlockThreads)
        {
            std::fprintf(stderr, "cuda_emulator: block (%d, %d) deadlocked at a barrier\n", block.x, block.y);
            return false;
        }
    }

    current = -1;
    return true;
}
}

#include "topk.cu"

// ---- The driver API subset CudaDriver binds. ----
namespace
{
constexpr int Success = 0;
constexpr int InvalidValue = 1;
constexpr int OutOfMemory = 2;
constexpr int InvalidDevice = 101;
constexpr int InvalidPtx = 218;
constexpr int NotFound = 500;
constexpr int IllegalAddress = 700;
constexpr int LaunchFailed = 719;
constexpr size_t Guard = 64;
constexpr unsigned char GuardByte = 0xAB;
// Static shared memory a kernel may use without cuFuncSetAttribute, as on every GPU since Volta.
constexpr int DefaultSharedLimit = 48 * 1024;
constexpr int OptInSharedLimit = 227 * 1024;

struct Allocation
{
    unsigned char* base;
    size_t bytes;
};

struct Function
{
    const char* name;
    void (*trampoline)(void** params);
    int maxDynamicShared = DefaultSharedLimit;
};

std::mutex gate;
std::map<unsigned long long, Allocation> allocations;
Function scan{"topk_scan", nullptr};
Function merge{"topk_merge", nullptr};
int launches = 0;

template <typename T>
T arg(void** params, int i)
{
    return *static_cast<T*>(params[i]);
}

void scan_trampoline(void** p)
{
    topk_scan(
        arg<const unsigned char*>(p, 0), arg<const long long*>(p, 1), arg<int>(p, 2), arg<int>(p, 3), arg<int>(p, 4),
        arg<const float*>(p, 5), arg<int>(p, 6), arg<const unsigned long long*>(p, 7), arg<const int*>(p, 8), arg<int>(p, 9),
        arg<int>(p, 10), arg<int>(p, 11), arg<int>(p, 12), arg<int>(p, 13), arg<float*>(p, 14), arg<int*>(p, 15));
}

void merge_trampoline(void** p)
{
    topk_merge(
        arg<const float*>(p, 0), arg<const int*>(p, 1), arg<int>(p, 2), arg<const long long*>(p, 3), arg<int>(p, 4),
        arg<int>(p, 5), arg<float*>(p, 6), arg<int*>(p, 7));
}

bool guards_intact()
{
    for (auto& [address, allocation] : allocations)
    {
        for (size_t i = 0; i < Guard; ++i)
        {
            if (allocation.base[allocation.bytes + i] != GuardByte)
            {
                std::fprintf(stderr, "cuda_emulator: write past the end of a %zu-byte allocation\n", allocation.bytes);
                return false;
            }
        }
    }

    return true;
}

// True when [address, address + bytes) lies inside one allocation.
bool inside(unsigned long long address, size_t bytes)
{
    auto it = allocations.upper_bound(address);
    if (it == allocations.begin())
    {
        return false;
    }

    --it;
    return address >= it->first && address + bytes <= it->first + it->second.bytes;
}
}

extern "C"
{
int cuInit(unsigned int) { return Success; }

int cuDriverGetVersion(int* version)
{
    *version = 12040;
    return Success;
}

int cuDeviceGetCount(int* count)
{
    *count = 1;
    return Success;
}

int cuDeviceGet(int* device, int ordinal)
{
    *device = ordinal;
    return ordinal == 0 ? Success : InvalidDevice;
}

int cuDeviceGetName(char* name, int length, int)
{
    std::snprintf(name, length, "%s", "Emulated CUDA device (CPU fibers)");
    return Success;
}

int cuDeviceTotalMem_v2(size_t* bytes, int)
{
    *bytes = size_t{4} << 30;
    return Success;
}

int cuDeviceGetAttribute(int* value, int attribute, int)
{
    switch (attribute)
    {
        case 16: *value = 3; return Success;    // multiprocessors: few, so that chunking makes several chunks
        case 75: *value = 8; return Success;    // compute capability 8.0
        case 76: *value = 0; return Success;
        case 97: *value = OptInSharedLimit; return Success;
        default: return InvalidValue;
    }
}

int cuGetErrorName(int code, const char** name)
{
    switch (code)
    {
        case Success: *name = "CUDA_SUCCESS"; return Success;
        case InvalidValue: *name = "CUDA_ERROR_INVALID_VALUE"; return Success;
        case OutOfMemory: *name = "CUDA_ERROR_OUT_OF_MEMORY"; return Success;
        case InvalidDevice: *name = "CUDA_ERROR_INVALID_DEVICE"; return Success;
        case InvalidPtx: *name = "CUDA_ERROR_INVALID_PTX"; return Success;
        case NotFound: *name = "CUDA_ERROR_NOT_FOUND"; return Success;
        case IllegalAddress: *name = "CUDA_ERROR_ILLEGAL_ADDRESS"; return Success;
        case LaunchFailed: *name = "CUDA_ERROR_LAUNCH_FAILED"; return Success;
        default: *name = nullptr; return InvalidValue;
    }
}

int cuDevicePrimaryCtxRetain(void** context, int device)
{
    if (device != 0)
    {
        return InvalidDevice;
    }

    static int primary;
    *context = &primary;
    return Success;
}

int cuDevicePrimaryCtxRelease_v2(int) { return Success; }
int cuCtxSetCurrent(void*) { return Success; }
int cuCtxSynchronize() { return Success; }

// Accepts the PTX CudaTopK embeds (it must declare both kernels); anything else fails with an error log,
// as a PTX the driver's JIT rejects would.
int cuModuleLoadDataEx(void** module, const void* image, unsigned int count, int* options, void** values)
{
    std::string text(static_cast<const char*>(image));
    bool valid = text.find(".visible .entry topk_scan(") != std::string::npos
        && text.find(".visible .entry topk_merge(") != std::string::npos;
    if (!valid)
    {
        for (unsigned int i = 0; i < count; ++i)
        {
            if (options[i] == 5)
            {
                char* log = static_cast<char*>(values[i]);
                size_t capacity = 0;
                for (unsigned int j = 0; j < count; ++j)
                {
                    if (options[j] == 6)
                    {
                        capacity = reinterpret_cast<size_t>(values[j]);
                    }
                }

                std::snprintf(log, capacity, "%s", "ptxas fatal   : emulator: the image lacks the topk entry points");
            }
        }

        return InvalidPtx;
    }

    static int loaded;
    *module = &loaded;
    return Success;
}

int cuModuleUnload(void*) { return Success; }

int cuModuleGetFunction(void** function, void*, const char* name)
{
    scan.trampoline = scan_trampoline;
    merge.trampoline = merge_trampoline;
    for (Function* candidate : {&scan, &merge})
    {
        if (std::strcmp(candidate->name, name) == 0)
        {
            *function = candidate;
            return Success;
        }
    }

    return NotFound;
}

int cuFuncSetAttribute(void* function, int attribute, int value)
{
    // CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES
    if (attribute != 8 || value > OptInSharedLimit)
    {
        return InvalidValue;
    }

    static_cast<Function*>(function)->maxDynamicShared = value;
    return Success;
}

int cuMemAlloc_v2(unsigned long long* address, size_t bytes)
{
    std::lock_guard lock(gate);
    auto* base = static_cast<unsigned char*>(std::aligned_alloc(256, (bytes + Guard + 255) / 256 * 256));
    if (base == nullptr)
    {
        return OutOfMemory;
    }

    std::memset(base, 0xCD, bytes);
    std::memset(base + bytes, GuardByte, Guard);
    *address = reinterpret_cast<unsigned long long>(base);
    allocations[*address] = Allocation{base, bytes};
    return Success;
}

int cuMemFree_v2(unsigned long long address)
{
    std::lock_guard lock(gate);
    auto it = allocations.find(address);
    if (it == allocations.end())
    {
        return InvalidValue;
    }

    bool intact = guards_intact();
    std::free(it->second.base);
    allocations.erase(it);
    return intact ? Success : IllegalAddress;
}

int cuMemcpyHtoD_v2(unsigned long long destination, const void* source, size_t bytes)
{
    std::lock_guard lock(gate);
    if (!inside(destination, bytes))
    {
        return InvalidValue;
    }

    std::memcpy(reinterpret_cast<void*>(destination), source, bytes);
    return Success;
}

int cuMemcpyDtoH_v2(void* destination, unsigned long long source, size_t bytes)
{
    std::lock_guard lock(gate);
    if (!inside(source, bytes))
    {
        return InvalidValue;
    }

    std::memcpy(destination, reinterpret_cast<const void*>(source), bytes);
    return Success;
}

int cuMemcpyDtoD_v2(unsigned long long destination, unsigned long long source, size_t bytes)
{
    std::lock_guard lock(gate);
    if (!inside(destination, bytes) || !inside(source, bytes))
    {
        return InvalidValue;
    }

    std::memmove(reinterpret_cast<void*>(destination), reinterpret_cast<const void*>(source), bytes);
    return Success;
}

int cuLaunchKernel(
    void* function, unsigned int gridX, unsigned int gridY, unsigned int gridZ, unsigned int blockX, unsigned int blockY,
    unsigned int blockZ, unsigned int sharedBytes, void* stream, void** params, void** extra)
{
    std::lock_guard lock(gate);
    auto* f = static_cast<Function*>(function);
    if (blockX != emulator::BlockThreads || blockY != 1 || blockZ != 1 || gridZ != 1 || gridX == 0 || gridY == 0
        || static_cast<int>(sharedBytes) > f->maxDynamicShared || stream != nullptr || extra != nullptr)
    {
        return InvalidValue;
    }

    launches++;
    // The launch's shared memory and guard bytes after it: a block that writes past what the host asked
    // for (host and kernel disagreeing on the layout) fails the launch.
    std::vector<unsigned char> shared(sharedBytes + Guard);
    emulator::body = f->trampoline;
    emulator::bodyParams = params;
    for (unsigned int y = 0; y < gridY; ++y)
    {
        for (unsigned int x = 0; x < gridX; ++x)
        {
            // Shared memory starts as garbage on a GPU: NaN bit patterns make a read before a write visible.
            std::memset(shared.data(), 0xFF, shared.size());
            emulator::block.x = static_cast<int>(x);
            emulator::block.y = static_cast<int>(y);
            emulator::block.gridX = static_cast<int>(gridX);
            emulator::block.shared = reinterpret_cast<float*>(shared.data());
            if (!emulator::run_block())
            {
                return LaunchFailed;
            }

            for (size_t i = sharedBytes; i < shared.size(); ++i)
            {
                if (shared[i] != 0xFF)
                {
                    std::fprintf(stderr, "cuda_emulator: block (%u, %u) wrote past its %u bytes of shared memory\n", x, y, sharedBytes);
                    return IllegalAddress;
                }
            }
        }
    }

    return guards_intact() ? Success : IllegalAddress;
}

// For tests: how many kernels ran since the library was loaded (proves the GPU path, not a CPU fallback, ran).
int emulator_launch_count()
{
    std::lock_guard lock(gate);
    return launches;
}
}
