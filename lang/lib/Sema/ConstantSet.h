//===- ConstantSet.h - finding duplicate constants --------------*- C++ -*-===//
//
// Go rejects a map literal with two equal constant keys and a switch with two
// equal constant cases. Generated code can have 100,000 of them, so each new
// constant is looked up by hash instead of being compared with every earlier
// one (which made such a literal take minutes to check).
//
//===----------------------------------------------------------------------===//

#ifndef GM_LANG_LIB_SEMA_CONSTANTSET_H
#define GM_LANG_LIB_SEMA_CONSTANTSET_H

#include "gm/lang/AST/AST.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace gm::lang {

/// Constant expressions seen so far, keyed by value (and, when the caller
/// asks, by type: an interface-keyed map may hold 1 and int8(1) both).
class ConstantSet {
public:
  /// Records E (a constant) and returns the earlier expression with an equal
  /// value and the same Ty, or null if E's value is new.
  const Expr *insert(const Expr *E, const Type *Ty = nullptr) {
    const ConstantValue &V = E->getValue();
    auto &Bucket = Buckets[{size_t(hash_value(V)), Ty}];
    for (const Expr *Earlier : Bucket)
      if (Earlier->getValue() == V)
        return Earlier;
    Bucket.push_back(E);
    return nullptr;
  }

private:
  llvm::DenseMap<std::pair<size_t, const Type *>,
                 llvm::SmallVector<const Expr *, 1>>
      Buckets;
};

} // namespace gm::lang

#endif
