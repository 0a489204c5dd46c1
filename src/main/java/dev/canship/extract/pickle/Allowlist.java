package dev.canship.extract.pickle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The globals a PyTorch or NumPy checkpoint needs, and nothing else. Loading a pickle imports every global it
 * names and calls the ones it reduces or instantiates, so any name outside this list can run code. Each entry
 * says why it is harmless: it only builds tensors, storages, containers or constants from the values the pickle
 * supplies, and every callable it is handed is itself a global of the same stream, checked on its own.
 * Names that are known to run code get a reason of their own in findings ({@link #danger}).
 */
public final class Allowlist {

    /** Allowed globals and why each is safe. */
    static final Map<String, String> ALLOWED = new LinkedHashMap<>();
    /** torch.FloatStorage, torch.BFloat16Storage, torch.UntypedStorage...: storage types only name a dtype. */
    static final Pattern TORCH_STORAGE = Pattern.compile("torch\\.(storage\\.)?[A-Z][A-Za-z0-9_]*Storage");

    private static final List<String> TORCH_DTYPES = List.of("float16", "float32", "float64", "bfloat16", "half", "float",
            "double", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool", "long", "int",
            "short", "complex32", "complex64", "complex128", "cfloat", "cdouble", "chalf", "qint8", "quint8", "qint32",
            "quint4x2", "quint2x4", "float8_e4m3fn", "float8_e5m2", "float8_e4m3fnuz", "float8_e5m2fnuz", "float8_e8m0fnu",
            "float4_e2m1fn_x2", "bits8", "bits16");
    private static final List<String> TORCH_CONSTANTS = List.of("strided", "sparse_coo", "sparse_csr", "sparse_csc",
            "sparse_bsr", "sparse_bsc", "_mkldnn", "contiguous_format", "channels_last", "channels_last_3d",
            "preserve_format", "per_tensor_affine", "per_channel_affine", "per_tensor_symmetric", "per_channel_symmetric",
            "per_channel_affine_float_qparams");

    static {
        String rebuild = "rebuilds a tensor from a storage, offset, sizes and strides given in the pickle";
        ALLOWED.put("torch._utils._rebuild_tensor", rebuild);
        ALLOWED.put("torch._utils._rebuild_tensor_v2", rebuild);
        ALLOWED.put("torch._utils._rebuild_tensor_v3", rebuild + " (with an explicit dtype)");
        ALLOWED.put("torch._utils._rebuild_parameter", "wraps a rebuilt tensor as an nn.Parameter");
        ALLOWED.put("torch._utils._rebuild_parameter_with_state", "wraps a rebuilt tensor as an nn.Parameter and sets plain attributes");
        ALLOWED.put("torch._utils._rebuild_qtensor", "rebuilds a quantized tensor from storage and quantizer parameters");
        ALLOWED.put("torch._utils._rebuild_sparse_tensor", "rebuilds a sparse tensor from index and value tensors");
        ALLOWED.put("torch._utils._rebuild_nested_tensor", "rebuilds a nested tensor from a buffer and size tensors");
        ALLOWED.put("torch._utils._rebuild_meta_tensor_no_storage", "makes a meta tensor: sizes only, no data");
        ALLOWED.put("torch._utils._rebuild_wrapper_subclass", "makes an empty tensor of a subclass; the subclass is a global of the stream, checked itself");
        ALLOWED.put("torch._tensor._rebuild_from_type_v2", "calls a rebuild function on arguments and sets a type; function and type are globals of the stream, checked themselves");
        ALLOWED.put("torch._tensor._rebuild_from_type", "older form of _rebuild_from_type_v2");
        ALLOWED.put("torch.serialization._get_layout", "looks up a tensor layout constant by name");
        ALLOWED.put("torch.Size", "a tuple of dimensions");
        ALLOWED.put("torch.device", "a device name such as 'cpu' or 'cuda:0'");
        ALLOWED.put("torch.Tensor", "the tensor class, named as the type of a rebuilt tensor");
        ALLOWED.put("torch._tensor.Tensor", "the tensor class under its defining module");
        ALLOWED.put("torch.nn.parameter.Parameter", "the parameter class, named as the type of a rebuilt parameter");
        ALLOWED.put("torch.nn.Parameter", "the parameter class under its public name");
        for (String d : TORCH_DTYPES) {
            ALLOWED.put("torch." + d, "a dtype constant");
        }
        for (String c : TORCH_CONSTANTS) {
            ALLOWED.put("torch." + c, "a layout, memory-format or quantization-scheme constant");
        }
        ALLOWED.put("collections.OrderedDict", "the state_dict container");
        ALLOWED.put("collections.Counter", "a dict of counts");
        ALLOWED.put("builtins.set", "a set of values from the pickle");
        ALLOWED.put("builtins.frozenset", "a frozen set of values from the pickle");
        ALLOWED.put("builtins.bytearray", "a byte array");
        ALLOWED.put("builtins.complex", "a complex number");
        ALLOWED.put("builtins.slice", "a slice of numbers");
        ALLOWED.put("_codecs.encode", "how protocol 2 writes bytes: a string encoded as latin-1 (no codec runs code)");
        for (String np : List.of("numpy.core", "numpy._core")) {
            ALLOWED.put(np + ".multiarray._reconstruct", "makes an empty ndarray of a class, shape and dtype; its data comes from BUILD");
            ALLOWED.put(np + ".multiarray.scalar", "a NumPy scalar from a dtype and raw bytes");
            ALLOWED.put(np + ".numeric._frombuffer", "an ndarray over a byte buffer (protocol 5)");
        }
        ALLOWED.put("numpy.ndarray", "the array class, named by _reconstruct");
        ALLOWED.put("numpy.dtype", "a dtype from its type code");
    }

    /** Known code-running names, with what makes them dangerous. Checked by prefix where the entry ends in a dot. */
    static final Map<String, String> DANGER = new LinkedHashMap<>();

    static {
        DANGER.put("os.", "the os module runs commands and changes files");
        DANGER.put("posix.", "runs commands and changes files (os on Unix)");
        DANGER.put("nt.", "runs commands and changes files (os on Windows)");
        DANGER.put("subprocess.", "runs commands");
        DANGER.put("pty.", "spawns processes");
        DANGER.put("runpy.", "runs Python modules");
        DANGER.put("builtins.eval", "evaluates Python code");
        DANGER.put("builtins.exec", "executes Python code");
        DANGER.put("builtins.compile", "compiles Python code");
        DANGER.put("builtins.__import__", "imports any module");
        DANGER.put("builtins.getattr", "reaches any attribute (the usual way around an allowlist)");
        DANGER.put("builtins.setattr", "changes any attribute");
        DANGER.put("builtins.delattr", "deletes any attribute");
        DANGER.put("builtins.globals", "reaches module globals");
        DANGER.put("builtins.open", "opens files");
        DANGER.put("builtins.breakpoint", "starts a debugger");
        DANGER.put("importlib.", "imports any module");
        DANGER.put("pickle.", "unpickles nested data, unchecked");
        DANGER.put("_pickle.", "unpickles nested data, unchecked");
        DANGER.put("dill.", "unpickles code");
        DANGER.put("marshal.", "loads code objects");
        DANGER.put("types.CodeType", "builds code objects");
        DANGER.put("types.FunctionType", "builds functions from code objects");
        DANGER.put("torch.storage._load_from_bytes", "calls torch.load on embedded bytes, which unpickles them without this check");
        DANGER.put("torch.load", "unpickles another file or buffer");
        DANGER.put("torch.jit.", "loads and runs TorchScript");
        DANGER.put("torch.hub.", "downloads and runs code");
        DANGER.put("numpy.load", "may unpickle another file");
        DANGER.put("shutil.", "copies and deletes files");
        DANGER.put("socket.", "opens network connections");
        DANGER.put("sys.", "reaches the interpreter's state");
        DANGER.put("code.", "runs Python code");
        DANGER.put("ctypes.", "calls native code");
        DANGER.put("webbrowser.", "opens URLs");
        DANGER.put("operator.attrgetter", "reaches any attribute");
        DANGER.put("operator.methodcaller", "calls any method");
        DANGER.put("functools.partial", "binds arguments to any callable");
        DANGER.put("copyreg.", "calls constructors named in the pickle");
        DANGER.put("asyncio.", "runs subprocesses and network I/O");
    }

    private Allowlist() {
    }

    /** Python 2 module names that a Python 3 unpickler maps to their new names (fix_imports). */
    static String normalize(String module) {
        return switch (module) {
            case "__builtin__" -> "builtins";
            case "copy_reg" -> "copyreg";
            default -> module;
        };
    }

    /** Whether {@code module.name} may appear in a checkpoint. */
    public static boolean allows(String module, String name) {
        String q = normalize(module) + "." + name;
        return ALLOWED.containsKey(q) || TORCH_STORAGE.matcher(q).matches();
    }

    /** Why a name outside the allowlist is known to run code, if it is. */
    public static Optional<String> danger(String module, String name) {
        String q = normalize(module) + "." + name;
        for (Map.Entry<String, String> e : DANGER.entrySet()) {
            String k = e.getKey();
            if (k.endsWith(".") ? q.startsWith(k) : q.equals(k)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** Every allowed name with its reason, in order (the storage pattern as {@code torch.*Storage}). */
    public static Map<String, String> entries() {
        Map<String, String> m = new LinkedHashMap<>(ALLOWED);
        m.put("torch.*Storage", "typed storage classes named in persistent ids; they only name a dtype");
        return m;
    }
}
