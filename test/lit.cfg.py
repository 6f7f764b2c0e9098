# lit configuration for gm. Suites live under test/ by layer: lang/, IRGen/,
# Transforms/, Run/, Driver/, and ABI/ (gm-abi-gen).
import os
import shutil
import sys

import lit.formats
import lit.util

config.name = "gm"
config.test_format = lit.formats.ShTest(not lit.util.which("bash") is None)
config.suffixes = [".gm", ".ll", ".test"]
config.excludes = ["Inputs", "unit", "conformance", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.gm_obj_root, "test")

# Only LLVM 19's tools: /usr/bin may hold LLVM 14 ones.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.gm_tools_dir, config.environment.get("PATH", os.environ["PATH"])]
)
# Stable program output: no colours, no locale surprises.
config.environment["LC_ALL"] = "C"

def tool(name):
    return os.path.join(config.llvm_tools_dir, name)

config.substitutions.append(("%gmc", os.path.join(config.gm_tools_dir, "gmc")))
config.substitutions.append(
    ("%gm-abi-gen", os.path.join(config.gm_tools_dir, "gm-abi-gen")))
config.substitutions.append(("%gm_plugin", os.path.join(config.gm_lib_dir, "GmMapInline.so")))
config.substitutions.append(("%gmrt_dir", config.gm_lib_dir))
config.substitutions.append(("%clangxx", config.clangxx))
config.substitutions.append(("%opt", tool("opt")))
config.substitutions.append(("%python", sys.executable))
config.substitutions.append(
    ("%bench", os.path.join(os.path.dirname(config.test_source_root), "bench")))
for name in ["FileCheck", "not", "count", "opt", "llvm-dis", "llvm-as", "llc",
             "split-file"]:
    config.substitutions.append(
        (r"(?<![\w%.-])" + name + r"(?![\w.-])", tool(name))
    )

if config.go_executable and os.path.exists(config.go_executable):
    config.available_features.add("go")
    config.substitutions.append(("%go", config.go_executable))
if getattr(config, "gm_has_explore", False):
    config.available_features.add("explore")
if shutil.which("valgrind"):
    config.available_features.add("valgrind")
if shutil.which("gdb"):
    config.available_features.add("gdb")
