//===- Chan.cpp - Channels and select -------------------------------------===//
//
// Go's channel (runtime/chan.go, select.go), written anew:
//
//   HChan  a lock, a ring buffer of Cap elements (none when unbuffered), the
//          closed flag, and two queues of waiting goroutines: senders that
//          found no room and receivers that found nothing.
//
// A sender that finds a receiver waiting hands the value straight to it, and
// a receiver that finds a sender waiting takes its value (from the buffer's
// head when there is one, moving the sender's value to the tail), so the
// buffer never holds a value while a receiver waits. Closing wakes every
// waiter: receivers get the zero value, senders panic.
//
// A waiter is a Waiter on the parked goroutine's own stack (the collector
// scans parked stacks). A select parks one Waiter per case, on every channel
// at once; the first channel operation that reaches any of them claims the
// select (an atomic flag), and the others skip its remaining Waiters, which
// the select removes when it wakes.
//
//===----------------------------------------------------------------------===//

#include "Core/Panic.h"
#include "Core/Race.h"
#include "Core/Runtime.h"
#include "Map/MapInternal.h"
#include "Sched/Scheduler.h"
#include "Sched/SpinLock.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <new>
#include <vector>

namespace gm::rt {
namespace {

using sched::G;

struct Waiter {
  G *Gp = nullptr;
  /// The value to send, or where to put the received one (may be null).
  void *Elem = nullptr;
  /// Set by the waker: a value was passed (false: the channel was closed).
  bool Success = false;
  /// For a select: the flag its cases share, and whether this case won.
  std::atomic<uint32_t> *SelectDone = nullptr;
  bool Fired = false;
  Waiter *Prev = nullptr, *Next = nullptr;
  bool Queued = false;
};

struct WaitQueue {
  Waiter *Head = nullptr, *Tail = nullptr;

  void push(Waiter *W) {
    W->Prev = Tail;
    W->Next = nullptr;
    (Tail ? Tail->Next : Head) = W;
    Tail = W;
    W->Queued = true;
  }
  void remove(Waiter *W) {
    if (!W->Queued)
      return;
    (W->Prev ? W->Prev->Next : Head) = W->Next;
    (W->Next ? W->Next->Prev : Tail) = W->Prev;
    W->Queued = false;
  }
  /// The first waiter that can still be woken; claims it if it is a select.
  Waiter *take() {
    while (Waiter *W = Head) {
      remove(W);
      if (!W->SelectDone)
        return W;
      uint32_t Expected = 0;
      if (W->SelectDone->compare_exchange_strong(Expected, 1)) {
        W->Fired = true;
        return W;
      }
      // Another case of that select already won.
    }
    return nullptr;
  }
};

} // namespace
} // namespace gm::rt

struct gm::abi::HChan {
  gm::rt::sched::SpinLock Lock;
  const TypeDesc *ElemType;
  uint64_t ElemSize;
  uint64_t Cap;
  uint64_t Count = 0;
  uint64_t RecvIndex = 0;
  uint64_t SendIndex = 0;
  char *Buf = nullptr;
  bool Closed = false;
  gm::rt::WaitQueue Receivers, Senders;

  char *slot(uint64_t I) { return Buf + I * ElemSize; }
};

namespace gm::rt {
namespace {

// Under -race the runtime's copies are not accesses of the goroutines'
// variables: the acquire and release on the channel order them.
void copyElem(HChan *C, void *To, const void *From) {
  RaceIgnoreAccesses NoAccesses;
  if (To && C->ElemSize)
    std::memcpy(To, From, C->ElemSize);
}

void zeroElem(HChan *C, void *To) {
  RaceIgnoreAccesses NoAccesses;
  if (To && C->ElemSize)
    std::memset(To, 0, C->ElemSize);
}

void unlockChan(void *C) { static_cast<HChan *>(C)->Lock.unlock(); }

[[noreturn]] void panicSendOnClosed() {
  panicPlainError("send on closed channel", "runtime.plainError");
}

/// Sends Elem to the waiting receiver W; C is locked.
void sendToWaiter(HChan *C, Waiter *W, const void *Elem) {
  copyElem(C, W->Elem, Elem);
  W->Success = true;
}

/// Receives into Elem from the waiting sender W; C is locked.
void receiveFromWaiter(HChan *C, Waiter *W, void *Elem) {
  if (C->Cap == 0) {
    copyElem(C, Elem, W->Elem);
  } else {
    // A sender waits only when the buffer is full: take its head, and the
    // sender's value goes to the tail, which is the same slot.
    copyElem(C, Elem, C->slot(C->RecvIndex));
    copyElem(C, C->slot(C->RecvIndex), W->Elem);
    C->RecvIndex = (C->RecvIndex + 1) % C->Cap;
    C->SendIndex = C->RecvIndex;
  }
  W->Success = true;
}

/// Tries to send without blocking; C is locked. Returns the receiver to wake
/// through Woken (to be readied after the unlock).
bool trySend(HChan *C, const void *Elem, G *&Woken) {
  if (Waiter *W = C->Receivers.take()) {
    sendToWaiter(C, W, Elem);
    Woken = W->Gp;
    return true;
  }
  if (C->Count < C->Cap) {
    copyElem(C, C->slot(C->SendIndex), Elem);
    C->SendIndex = (C->SendIndex + 1) % C->Cap;
    ++C->Count;
    return true;
  }
  return false;
}

/// Tries to receive without blocking; C is locked.
bool tryReceive(HChan *C, void *Elem, bool &Received, G *&Woken) {
  if (Waiter *W = C->Senders.take()) {
    receiveFromWaiter(C, W, Elem);
    Woken = W->Gp;
    Received = true;
    return true;
  }
  if (C->Count > 0) {
    char *Slot = C->slot(C->RecvIndex);
    copyElem(C, Elem, Slot);
    zeroElem(C, Slot); // Let the collector free what it pointed to.
    C->RecvIndex = (C->RecvIndex + 1) % C->Cap;
    --C->Count;
    Received = true;
    return true;
  }
  if (C->Closed) {
    zeroElem(C, Elem);
    Received = false;
    return true;
  }
  return false;
}

void send(HChan *C, const void *Elem) {
  if (!C)
    sched::parkForever("chan send (nil chan)");
  C->Lock.lock();
  // Under -race every operation on C is ordered with the others, blocked
  // or not: each acquires C when it starts and releases it once its value
  // has moved (a sender that waits, before it parks).
  raceAcquire(C);
  if (C->Closed) {
    C->Lock.unlock();
    panicSendOnClosed();
  }
  G *Woken = nullptr;
  if (trySend(C, Elem, Woken)) {
    raceRelease(C);
    C->Lock.unlock();
    if (Woken)
      sched::ready(Woken);
    return;
  }
  Waiter W;
  W.Gp = sched::currentG();
  W.Elem = const_cast<void *>(Elem);
  C->Senders.push(&W);
  raceRelease(C);
  sched::park(unlockChan, C, "chan send");
  raceAcquire(C); // The receiver that took the value released C.
  if (!W.Success)
    panicSendOnClosed();
}

bool receive(HChan *C, void *Elem) {
  if (!C)
    sched::parkForever("chan receive (nil chan)");
  C->Lock.lock();
  raceAcquire(C);
  G *Woken = nullptr;
  bool Received = false;
  if (tryReceive(C, Elem, Received, Woken)) {
    raceRelease(C);
    C->Lock.unlock();
    if (Woken)
      sched::ready(Woken);
    return Received;
  }
  Waiter W;
  W.Gp = sched::currentG();
  W.Elem = Elem;
  C->Receivers.push(&W);
  raceRelease(C);
  sched::park(unlockChan, C, "chan receive");
  raceAcquire(C); // The sender (or closer) released C.
  return W.Success;
}

/// The distinct channels of a select, in address order: the order in which
/// every select locks them, so that two selects cannot deadlock.
struct SelectLocks {
  std::vector<HChan *> Chans;

  explicit SelectLocks(const SelectCase *Cases, int64_t N) {
    for (int64_t I = 0; I < N; ++I)
      if (Cases[I].Chan)
        Chans.push_back(Cases[I].Chan);
    std::sort(Chans.begin(), Chans.end());
    Chans.erase(std::unique(Chans.begin(), Chans.end()), Chans.end());
  }
  void lock() {
    for (HChan *C : Chans)
      C->Lock.lock();
  }
  void unlock() {
    for (HChan *C : Chans)
      C->Lock.unlock();
  }
};

} // namespace

HChan *makechan(const TypeDesc *ChanType, int64_t Size) {
  const TypeDesc *Elem = ChanType->Elem;
  uint64_t ElemSize = Elem ? Elem->Size : 0;
  if (Size < 0 || (ElemSize && uint64_t(Size) > (uint64_t(1) << 40) / ElemSize))
    panicPlainError("makechan: size out of range", "runtime.plainError");
  void *Mem = mallocgc(sizeof(HChan), /*HasPointers=*/true);
  auto *C = new (Mem) HChan();
  C->ElemType = Elem;
  C->ElemSize = ElemSize;
  C->Cap = uint64_t(Size);
  if (Size > 0 && ElemSize > 0)
    C->Buf = static_cast<char *>(
        mallocgc(ElemSize * uint64_t(Size), /*HasPointers=*/true));
  else if (Size > 0)
    C->Buf = static_cast<char *>(Mem); // Zero-size elements need no room.
  return C;
}

void chansend1(HChan *C, const void *Elem) { send(C, Elem); }

void chanrecv1(HChan *C, void *Elem) { receive(C, Elem); }

bool chanrecv2(HChan *C, void *Elem) { return receive(C, Elem); }

void closechan(HChan *C) {
  if (!C)
    panicPlainError("close of nil channel", "runtime.plainError");
  C->Lock.lock();
  if (C->Closed) {
    C->Lock.unlock();
    panicPlainError("close of closed channel", "runtime.plainError");
  }
  C->Closed = true;
  raceAcquire(C);
  std::vector<G *> Woken;
  while (Waiter *W = C->Receivers.take()) {
    zeroElem(C, W->Elem);
    W->Success = false;
    Woken.push_back(W->Gp);
  }
  while (Waiter *W = C->Senders.take()) {
    W->Success = false;
    Woken.push_back(W->Gp);
  }
  raceRelease(C);
  C->Lock.unlock();
  for (G *Gp : Woken)
    sched::ready(Gp);
}

int64_t chanlen(HChan *C) {
  if (!C)
    return 0;
  C->Lock.lock();
  int64_t N = int64_t(C->Count);
  C->Lock.unlock();
  return N;
}

int64_t chancap(HChan *C) { return C ? int64_t(C->Cap) : 0; }

SelectResult selectgo(SelectCase *Cases, int64_t NSends, int64_t NRecvs,
                      bool Block) {
  int64_t N = NSends + NRecvs;
  // Go's rule: among the ready cases, each is equally likely.
  std::vector<int64_t> PollOrder;
  for (int64_t I = 0; I < N; ++I)
    if (Cases[I].Chan)
      PollOrder.push_back(I);
  for (size_t I = PollOrder.size(); I > 1; --I)
    std::swap(PollOrder[I - 1], PollOrder[maps::fastrand() % I]);

  if (PollOrder.empty()) {
    if (!Block)
      return {-1, false};
    sched::parkForever("select (no cases)");
  }

  SelectLocks Locks(Cases, N);
  Locks.lock();
  for (HChan *C : Locks.Chans)
    raceAcquire(C);
  for (int64_t I : PollOrder) {
    HChan *C = Cases[I].Chan;
    G *Woken = nullptr;
    if (I < NSends) {
      if (C->Closed) {
        Locks.unlock();
        panicSendOnClosed();
      }
      if (trySend(C, Cases[I].Elem, Woken)) {
        raceRelease(C);
        Locks.unlock();
        if (Woken)
          sched::ready(Woken);
        return {I, false};
      }
    } else {
      bool Received = false;
      if (tryReceive(C, Cases[I].Elem, Received, Woken)) {
        raceRelease(C);
        Locks.unlock();
        if (Woken)
          sched::ready(Woken);
        return {I, Received};
      }
    }
  }
  if (!Block) {
    Locks.unlock();
    return {-1, false};
  }

  // Wait on every channel at once, having released what precedes the
  // select on each.
  for (HChan *C : Locks.Chans)
    raceRelease(C);
  std::atomic<uint32_t> Done{0};
  std::vector<Waiter> Waiters(static_cast<size_t>(N));
  G *Self = sched::currentG();
  for (int64_t I = 0; I < N; ++I) {
    if (!Cases[I].Chan)
      continue;
    Waiter &W = Waiters[size_t(I)];
    W.Gp = Self;
    W.Elem = Cases[I].Elem;
    W.SelectDone = &Done;
    (I < NSends ? Cases[I].Chan->Senders : Cases[I].Chan->Receivers).push(&W);
  }
  sched::park([](void *L) { static_cast<SelectLocks *>(L)->unlock(); }, &Locks,
              "select");

  Locks.lock();
  int64_t Chosen = -1;
  for (int64_t I = 0; I < N; ++I) {
    if (!Cases[I].Chan)
      continue;
    Waiter &W = Waiters[size_t(I)];
    (I < NSends ? Cases[I].Chan->Senders : Cases[I].Chan->Receivers).remove(&W);
    if (W.Fired)
      Chosen = I;
  }
  Locks.unlock();
  if (Chosen < 0)
    fatalError("runtime: select woken without a case");
  raceAcquire(Cases[Chosen].Chan);
  if (Chosen < NSends) {
    if (!Waiters[size_t(Chosen)].Success)
      panicSendOnClosed();
    return {Chosen, false};
  }
  return {Chosen, Waiters[size_t(Chosen)].Success};
}

} // namespace gm::rt
