"""GPU metrics without touching the GPU: NVML through ``pynvml`` if importable, else
``nvidia-smi``, else nothing.

Both read the driver's counters from the CPU side: no CUDA context is created and no VRAM is
used. Sampling runs in its own daemon thread; instrumentation only reads the latest sample,
so a slow ``nvidia-smi`` never delays the pipeline.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from .diagnostics import logger

_MIB = 1024.0 * 1024.0


@dataclass(frozen=True)
class GpuSample:
    """One reading, summed over the sampled devices (utilisation averaged, temperature max)."""

    vram_used_mb: float
    gpu_utilization_pct: float
    temperature_c: Optional[float] = None

    def to_wire(self) -> Dict[str, float]:
        wire = {
            "vram_used_mb": round(self.vram_used_mb, 3),
            "gpu_utilization_pct": round(self.gpu_utilization_pct, 3),
        }
        if self.temperature_c is not None:
            wire["temperature_c"] = self.temperature_c
        return wire


def aggregate(readings: Sequence[Tuple[float, float, Optional[float]]]) -> Optional[GpuSample]:
    """Combine per-device ``(vram_mb, util_pct, temp_c)`` readings into one sample."""
    if not readings:
        return None
    temps = [t for _, _, t in readings if t is not None]
    util = sum(u for _, u, _ in readings) / len(readings)
    return GpuSample(
        vram_used_mb=max(0.0, sum(v for v, _, _ in readings)),
        gpu_utilization_pct=min(100.0, max(0.0, util)),
        temperature_c=min(150.0, max(-50.0, max(temps))) if temps else None,
    )


def visible_gpu_indices(environ: Optional[Mapping[str, str]] = None) -> Optional[Tuple[int, ...]]:
    """Devices this process can use, from ``CUDA_VISIBLE_DEVICES``.

    None means "all" (unset, or given as GPU UUIDs we cannot map to NVML indices); an empty
    tuple means none (``""`` or ``"-1"``), in which case nothing is sampled.
    """
    env = os.environ if environ is None else environ
    value = env.get("CUDA_VISIBLE_DEVICES")
    if value is None:
        return None
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if not parts or parts[0].startswith("-"):
        return ()
    if all(p.isdigit() for p in parts):
        return tuple(int(p) for p in parts)
    return None


class NvmlBackend:
    """Reads through NVML (the ``pynvml`` / ``nvidia-ml-py`` module)."""

    name = "pynvml"

    def __init__(self, nvml: Any, indices: Optional[Sequence[int]]) -> None:
        self._nvml = nvml
        nvml.nvmlInit()
        count = nvml.nvmlDeviceGetCount()
        wanted = range(count) if indices is None else [i for i in indices if 0 <= i < count]
        self._handles = [nvml.nvmlDeviceGetHandleByIndex(i) for i in wanted]

    def sample(self) -> Optional[GpuSample]:
        nvml = self._nvml
        readings: List[Tuple[float, float, Optional[float]]] = []
        for handle in self._handles:
            try:
                used = nvml.nvmlDeviceGetMemoryInfo(handle).used / _MIB
                util = float(nvml.nvmlDeviceGetUtilizationRates(handle).gpu)
            except Exception:  # NVMLError subclasses: device lost, not supported, ...
                continue
            try:
                temp: Optional[float] = float(
                    nvml.nvmlDeviceGetTemperature(handle, nvml.NVML_TEMPERATURE_GPU)
                )
            except Exception:
                temp = None
            readings.append((used, util, temp))
        return aggregate(readings)

    def close(self) -> None:
        try:
            self._nvml.nvmlShutdown()
        except Exception:
            pass


class NvidiaSmiBackend:
    """Runs ``nvidia-smi --query-gpu`` once per sample (in the sampler thread)."""

    name = "nvidia-smi"

    def __init__(self, executable: str, indices: Optional[Sequence[int]]) -> None:
        self._command = [
            executable,
            "--query-gpu=memory.used,utilization.gpu,temperature.gpu",
            "--format=csv,noheader,nounits",
        ]
        if indices is not None:
            self._command.append("--id=" + ",".join(str(i) for i in indices))

    def sample(self) -> Optional[GpuSample]:
        try:
            output = subprocess.run(
                self._command, capture_output=True, text=True, timeout=5.0, check=True
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        return aggregate([r for r in (_parse_smi_line(line) for line in output.splitlines()) if r])

    def close(self) -> None:
        pass


def _parse_smi_line(line: str) -> Optional[Tuple[float, float, Optional[float]]]:
    fields = [f.strip() for f in line.split(",")]
    if len(fields) != 3:
        return None

    def number(text: str) -> Optional[float]:
        try:
            return float(text)
        except ValueError:  # "[N/A]", "[Not Supported]"
            return None

    used, util, temp = (number(f) for f in fields)
    if used is None or util is None:
        return None
    return used, util, temp


GpuBackend = Any  # NvmlBackend | NvidiaSmiBackend | anything with sample() and close()


def detect_backend(indices: Optional[Sequence[int]] = None) -> Optional[GpuBackend]:
    """The first working backend: pynvml, then nvidia-smi; None when there is no GPU."""
    if indices is None:
        indices = visible_gpu_indices()
    if indices is not None and len(indices) == 0:
        return None
    try:
        import pynvml  # type: ignore[import-not-found]
    except Exception:
        pynvml = None
    if pynvml is not None:
        try:
            backend = NvmlBackend(pynvml, indices)
            if backend.sample() is not None:
                return backend
            backend.close()
        except Exception as error:
            logger.debug("ovpo: pynvml unusable: %s", error)
    executable = shutil.which("nvidia-smi")
    if executable:
        smi = NvidiaSmiBackend(executable, indices)
        if smi.sample() is not None:
            return smi
    return None


class GpuSampler:
    """Samples GPU metrics every ``interval`` seconds in a daemon thread.

    ``detect`` (default :func:`detect_backend`) runs in that thread, so probing NVML or
    spawning ``nvidia-smi`` never delays the caller; without a GPU the thread just ends.
    ``latest`` is the last good reading; ``on_sample`` (if given) is called with each one
    from the sampler thread.
    """

    def __init__(
        self,
        interval: float,
        on_sample: Optional[Callable[[GpuSample], None]] = None,
        detect: Callable[[], Optional[GpuBackend]] = detect_backend,
    ) -> None:
        self.interval = interval
        self.backend: Optional[GpuBackend] = None
        self.latest: Optional[GpuSample] = None
        self._detect = detect
        self._on_sample = on_sample
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="ovpo-gpu-sampler", daemon=True)
            self._thread.start()

    def sample_once(self) -> Optional[GpuSample]:
        if self.backend is None:
            return None
        try:
            sample = self.backend.sample()
        except Exception as error:  # a driver hiccup must not end sampling
            logger.debug("ovpo: GPU sample failed: %s", error)
            return None
        if sample is not None:
            self.latest = sample
            if self._on_sample is not None:
                self._on_sample(sample)
        return sample

    def _run(self) -> None:
        try:
            self.backend = self._detect()
        except Exception as error:
            logger.debug("ovpo: GPU detection failed: %s", error)
        if self.backend is None:
            return
        logger.debug("ovpo: sampling GPU metrics with %s", self.backend.name)
        while not self._stop.is_set():
            self.sample_once()
            self._stop.wait(self.interval)
        self.backend.close()

    def stop(self) -> None:
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(5.0)
