//===- SchedTest.cpp - Goroutines, channels, select, semaphores -----------===//
//
// Goroutine bodies are C++ functions started through runtime.newproc, with
// their arguments in a record on the GC heap, as gmc's go statements start
// them; the test body itself is the main goroutine.
//
//===----------------------------------------------------------------------===//

#include "Core/Runtime.h"

#include <gc/gc.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstring>

using namespace gm::abi;
using namespace gm::rt;

namespace {

TypeDesc makeType(TypeKind K, uint64_t Size, const char *Name,
                  const TypeDesc *Elem = nullptr) {
  TypeDesc T{};
  T.Size = Size;
  T.Name = Name;
  T.Kind = K;
  T.Align = uint8_t(Size == 0 ? 1 : Size > 8 ? 8 : Size);
  T.Elem = Elem;
  return T;
}

const TypeDesc IntT = makeType(TypeKind::Int, 8, "int");
const TypeDesc ChanIntT = makeType(TypeKind::Chan, 8, "chan int", &IntT);
const TypeDesc EmptyStructT = makeType(TypeKind::Struct, 0, "struct {}");
const TypeDesc ChanEmptyT =
    makeType(TypeKind::Chan, 8, "chan struct {}", &EmptyStructT);

class SchedTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() { GC_INIT(); }
};

template <typename T> T *newRecord() { return new (GC_MALLOC(sizeof(T))) T(); }

/// Starts Fn(Record) as a goroutine through a thunk of the type newproc
/// calls, as gmc's are (calling Fn through another type is undefined).
template <typename F> struct RecordOf;
template <typename T> struct RecordOf<void (*)(T *)> {
  using Type = T;
};
template <auto Fn> void thunk(void *Record) {
  Fn(static_cast<typename RecordOf<decltype(Fn)>::Type *>(Record));
}
template <auto Fn> void go(void *Record) {
  newproc(reinterpret_cast<void *>(&thunk<Fn>), Record);
}

void send(HChan *C, int64_t V) { chansend1(C, &V); }
int64_t recv(HChan *C) {
  int64_t V = -1;
  chanrecv1(C, &V);
  return V;
}

// Echo goroutine: receives N values on In and sends each doubled on Out.
struct EchoArgs {
  HChan *In, *Out;
  int N;
};
void echo(EchoArgs *A) {
  for (int I = 0; I < A->N; ++I)
    send(A->Out, 2 * recv(A->In));
}

TEST_F(SchedTest, UnbufferedPingPong) {
  auto *A = newRecord<EchoArgs>();
  A->In = makechan(&ChanIntT, 0);
  A->Out = makechan(&ChanIntT, 0);
  A->N = 2000;
  go<echo>(A);
  int64_t Sum = 0;
  for (int I = 0; I < A->N; ++I) {
    send(A->In, I);
    Sum += recv(A->Out);
  }
  EXPECT_EQ(Sum, int64_t(A->N) * (A->N - 1));
}

TEST_F(SchedTest, BufferedIsFIFOWithLenAndCap) {
  HChan *C = makechan(&ChanIntT, 3);
  EXPECT_EQ(chancap(C), 3);
  send(C, 10);
  send(C, 20);
  send(C, 30);
  EXPECT_EQ(chanlen(C), 3);
  EXPECT_EQ(recv(C), 10);
  send(C, 40); // Wraps around the ring.
  EXPECT_EQ(recv(C), 20);
  EXPECT_EQ(recv(C), 30);
  EXPECT_EQ(recv(C), 40);
  EXPECT_EQ(chanlen(C), 0);
  EXPECT_EQ(chanlen(nullptr), 0);
  EXPECT_EQ(chancap(nullptr), 0);
}

TEST_F(SchedTest, ClosedChannelDrainsThenGivesZeroAndFalse) {
  HChan *C = makechan(&ChanIntT, 2);
  send(C, 7);
  closechan(C);
  int64_t V = -1;
  EXPECT_TRUE(chanrecv2(C, &V));
  EXPECT_EQ(V, 7);
  EXPECT_FALSE(chanrecv2(C, &V));
  EXPECT_EQ(V, 0);
}

// A sender blocked on a full buffer hands its value over when a receiver
// takes the head.
struct SendManyArgs {
  HChan *C;
  int N;
};
void sendMany(SendManyArgs *A) {
  for (int I = 0; I < A->N; ++I)
    send(A->C, I);
  closechan(A->C);
}

TEST_F(SchedTest, BlockedSendersKeepOrder) {
  auto *A = newRecord<SendManyArgs>();
  A->C = makechan(&ChanIntT, 4);
  A->N = 10000;
  go<sendMany>(A);
  int64_t V, Expect = 0;
  while (chanrecv2(A->C, &V))
    ASSERT_EQ(V, Expect++);
  EXPECT_EQ(Expect, A->N);
}

// The stress case: 10,000 goroutines blocked on one channel at once,
// then released by closing it.
struct WaitCloseArgs {
  HChan *Gate, *Done;
  std::atomic<int64_t> *Woken;
};
void waitForClose(WaitCloseArgs *A) {
  int64_t V;
  EXPECT_FALSE(chanrecv2(A->Gate, &V));
  A->Woken->fetch_add(1);
  char Token = 0;
  chansend1(A->Done, &Token);
}

TEST_F(SchedTest, TenThousandBlockedGoroutines) {
  constexpr int N = 10000;
  HChan *Gate = makechan(&ChanEmptyT, 0);
  HChan *Done = makechan(&ChanEmptyT, N);
  static std::atomic<int64_t> Woken{0};
  for (int I = 0; I < N; ++I) {
    auto *A = newRecord<WaitCloseArgs>();
    A->Gate = Gate;
    A->Done = Done;
    A->Woken = &Woken;
    go<waitForClose>(A);
  }
  // Let them all reach the gate.
  while (true) {
    runtime_Gosched();
    if (runtime_NumGoroutine() == N + 1)
      break;
  }
  EXPECT_EQ(Woken.load(), 0);
  closechan(Gate);
  for (int I = 0; I < N; ++I)
    chanrecv1(Done, nullptr);
  EXPECT_EQ(Woken.load(), N);
}

// Goroutines that end give their stacks back: many more than can exist at
// once run in batches.
struct CountArgs {
  std::atomic<int64_t> *Count;
  HChan *Done;
};
void countAndSignal(CountArgs *A) {
  A->Count->fetch_add(1);
  chansend1(A->Done, nullptr);
}

TEST_F(SchedTest, GoroutinesInBatchesReuseStacks) {
  constexpr int Batches = 20, PerBatch = 5000;
  static std::atomic<int64_t> Count{0};
  HChan *Done = makechan(&ChanEmptyT, PerBatch);
  for (int B = 0; B < Batches; ++B) {
    for (int I = 0; I < PerBatch; ++I) {
      auto *A = newRecord<CountArgs>();
      A->Count = &Count;
      A->Done = Done;
      go<countAndSignal>(A);
    }
    for (int I = 0; I < PerBatch; ++I)
      chanrecv1(Done, nullptr);
  }
  EXPECT_EQ(Count.load(), int64_t(Batches) * PerBatch);
}

TEST_F(SchedTest, SelectTakesAReadyCaseOrTheDefault) {
  HChan *A = makechan(&ChanIntT, 1);
  HChan *B = makechan(&ChanIntT, 1);
  int64_t Got = -1;
  SelectCase Cases[2] = {{A, &Got}, {B, &Got}};
  EXPECT_EQ(selectgo(Cases, 0, 2, /*Block=*/false).Index, -1);
  send(B, 5);
  SelectResult R = selectgo(Cases, 0, 2, /*Block=*/false);
  EXPECT_EQ(R.Index, 1);
  EXPECT_TRUE(R.RecvOK);
  EXPECT_EQ(Got, 5);
  // A send case: A has room.
  int64_t Out = 9;
  SelectCase Mixed[2] = {{A, &Out}, {B, &Got}};
  R = selectgo(Mixed, 1, 1, /*Block=*/true);
  EXPECT_EQ(R.Index, 0);
  EXPECT_EQ(recv(A), 9);
  // Nil channels are never ready.
  SelectCase Nil[1] = {{nullptr, &Got}};
  EXPECT_EQ(selectgo(Nil, 0, 1, /*Block=*/false).Index, -1);
}

TEST_F(SchedTest, SelectChoosesUniformlyAmongReadyCases) {
  HChan *A = makechan(&ChanIntT, 1);
  HChan *B = makechan(&ChanIntT, 1);
  int64_t Got;
  int Chosen[2] = {0, 0};
  for (int I = 0; I < 2000; ++I) {
    send(A, 1);
    send(B, 2);
    SelectCase Cases[2] = {{A, &Got}, {B, &Got}};
    SelectResult R = selectgo(Cases, 0, 2, /*Block=*/true);
    ++Chosen[R.Index];
    recv(R.Index == 0 ? B : A); // Drain the other one.
  }
  // Binomial(2000, 1/2): 800 is more than 8 standard deviations away.
  EXPECT_GT(Chosen[0], 800);
  EXPECT_GT(Chosen[1], 800);
}

struct DelayedSendArgs {
  HChan *C;
  int64_t Value;
};
void delayedSend(DelayedSendArgs *A) {
  time_sleep(5 * 1000 * 1000);
  send(A->C, A->Value);
}

TEST_F(SchedTest, BlockingSelectWakesOnLaterSend) {
  HChan *A = makechan(&ChanIntT, 0);
  HChan *B = makechan(&ChanIntT, 0);
  auto *Args = newRecord<DelayedSendArgs>();
  Args->C = B;
  Args->Value = 42;
  go<delayedSend>(Args);
  int64_t FromA = -1, FromB = -1;
  SelectCase Cases[2] = {{A, &FromA}, {B, &FromB}};
  SelectResult R = selectgo(Cases, 0, 2, /*Block=*/true);
  EXPECT_EQ(R.Index, 1);
  EXPECT_TRUE(R.RecvOK);
  EXPECT_EQ(FromB, 42);
  EXPECT_EQ(FromA, -1);
}

void closeLater(DelayedSendArgs *A) {
  time_sleep(2 * 1000 * 1000);
  closechan(A->C);
}

TEST_F(SchedTest, BlockingSelectSeesClose) {
  HChan *C = makechan(&ChanIntT, 0);
  auto *Args = newRecord<DelayedSendArgs>();
  Args->C = C;
  go<closeLater>(Args);
  int64_t V = -1;
  SelectCase Cases[1] = {{C, &V}};
  SelectResult R = selectgo(Cases, 0, 1, /*Block=*/true);
  EXPECT_EQ(R.Index, 0);
  EXPECT_FALSE(R.RecvOK);
  EXPECT_EQ(V, 0);
}

// A semaphore used as a lock: goroutines increment a plain counter inside
// it; any lost update would show in the total.
struct LockedAddArgs {
  uint32_t *Sema;
  int64_t *Counter;
  HChan *Done;
  int N;
};
void lockedAdd(LockedAddArgs *A) {
  for (int I = 0; I < A->N; ++I) {
    sync_semacquire(A->Sema);
    int64_t V = *A->Counter;
    if (I % 64 == 0)
      runtime_Gosched(); // Let others try the lock while it is held.
    *A->Counter = V + 1;
    sync_semrelease(A->Sema);
  }
  chansend1(A->Done, nullptr);
}

TEST_F(SchedTest, SemaphoreExcludes) {
  static uint32_t Sema = 1;
  static int64_t Counter = 0;
  constexpr int Workers = 8, PerWorker = 2000;
  HChan *Done = makechan(&ChanEmptyT, Workers);
  for (int W = 0; W < Workers; ++W) {
    auto *A = newRecord<LockedAddArgs>();
    A->Sema = &Sema;
    A->Counter = &Counter;
    A->Done = Done;
    A->N = PerWorker;
    go<lockedAdd>(A);
  }
  for (int W = 0; W < Workers; ++W)
    chanrecv1(Done, nullptr);
  EXPECT_EQ(Counter, int64_t(Workers) * PerWorker);
}

// The collector must see what only a parked goroutine's stack holds.
struct HoldArgs {
  HChan *Gate, *Done;
};
void holdAcrossCollection(HoldArgs *A) {
  auto *Block = static_cast<int64_t *>(GC_MALLOC(64 * sizeof(int64_t)));
  for (int I = 0; I < 64; ++I)
    Block[I] = 1000 + I;
  A = static_cast<HoldArgs *volatile>(A);
  chanrecv1(A->Gate, nullptr); // Parked, Block only on this stack.
  // Fresh allocations would reuse Block's memory had it been freed.
  for (int I = 0; I < 1000; ++I)
    std::memset(GC_MALLOC(64 * sizeof(int64_t)), 0xff, 64 * sizeof(int64_t));
  int64_t Sum = 0;
  for (int I = 0; I < 64; ++I)
    Sum += static_cast<int64_t *volatile>(Block)[I];
  chansend1(A->Done, &Sum);
}

TEST_F(SchedTest, CollectorScansParkedStacks) {
  constexpr int N = 50;
  HChan *Gate = makechan(&ChanEmptyT, 0);
  HChan *Done = makechan(&ChanIntT, N);
  for (int I = 0; I < N; ++I) {
    auto *A = newRecord<HoldArgs>();
    A->Gate = Gate;
    A->Done = Done;
    go<holdAcrossCollection>(A);
  }
  while (runtime_NumGoroutine() != N + 1)
    runtime_Gosched();
  for (int I = 0; I < 3; ++I) {
    GC_gcollect();
    for (int J = 0; J < 10000; ++J)
      GC_MALLOC(64 * sizeof(int64_t));
  }
  closechan(Gate);
  int64_t Expect = 64 * 1000 + 63 * 64 / 2;
  for (int I = 0; I < N; ++I)
    EXPECT_EQ(recv(Done), Expect);
}

using SchedDeathTest = SchedTest;

TEST_F(SchedDeathTest, Panics) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(closechan(nullptr), ::testing::ExitedWithCode(2),
              "panic: close of nil channel");
  EXPECT_EXIT(
      {
        HChan *C = makechan(&ChanIntT, 0);
        closechan(C);
        closechan(C);
      },
      ::testing::ExitedWithCode(2), "panic: close of closed channel");
  EXPECT_EXIT(
      {
        HChan *C = makechan(&ChanIntT, 1);
        closechan(C);
        send(C, 1);
      },
      ::testing::ExitedWithCode(2), "panic: send on closed channel");
  EXPECT_EXIT(makechan(&ChanIntT, -1), ::testing::ExitedWithCode(2),
              "panic: makechan: size out of range");
}

TEST_F(SchedDeathTest, Deadlocks) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(recv(makechan(&ChanIntT, 0)), ::testing::ExitedWithCode(2),
              "fatal error: all goroutines are asleep - deadlock!\n\n"
              "goroutine 1 \\[chan receive\\]:");
  EXPECT_EXIT(send(nullptr, 1), ::testing::ExitedWithCode(2),
              "goroutine 1 \\[chan send \\(nil chan\\)\\]");
  EXPECT_EXIT(block(), ::testing::ExitedWithCode(2),
              "goroutine 1 \\[select \\(no cases\\)\\]");
  // Two goroutines waiting on each other, main waiting on both.
  EXPECT_EXIT(
      {
        auto *A = newRecord<EchoArgs>();
        A->In = makechan(&ChanIntT, 0);
        A->Out = makechan(&ChanIntT, 0);
        A->N = 1;
        go<echo>(A);
        recv(A->Out);
      },
      ::testing::ExitedWithCode(2), "all goroutines are asleep");
}

TEST_F(SchedDeathTest, SleepingGoroutineIsNoDeadlock) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  // Main waits for a goroutine that sleeps first: no deadlock, and the
  // program then ends normally.
  EXPECT_EXIT(
      {
        auto *Args = newRecord<DelayedSendArgs>();
        Args->C = makechan(&ChanIntT, 0);
        Args->Value = 3;
        go<delayedSend>(Args);
        if (recv(Args->C) == 3)
          exitProcess(0);
        exitProcess(1);
      },
      ::testing::ExitedWithCode(0), "");
}

} // namespace
