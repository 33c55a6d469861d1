"""Field rules, hashing and builders (no network)."""

import hashlib
import math
import os
import tempfile
import unittest

import ovpo
from ovpo import ArtifactKind, OutputManifest, OvpoValidationError
from ovpo.validation import (
    clean,
    validate_api_key,
    validate_attributes,
    validate_failure,
    validate_gpu_sample,
    validate_idempotency_key,
    validate_quality_metrics,
    validate_tags,
    validate_timestamp,
    validate_uuid4,
)
from ovpo.wire import format_timestamp, new_id


class IdsAndTimestamps(unittest.TestCase):
    def test_new_id_isLowerCaseUuid4_andUnique(self):
        ids = {new_id() for _ in range(1000)}
        self.assertEqual(1000, len(ids))
        for value in ids:
            self.assertEqual(value, validate_uuid4(value))

    def test_timestamp_hasExactlyMillisecondsAndZ(self):
        self.assertEqual("2024-02-29T23:59:59.999Z", format_timestamp(1709251199.9999))
        self.assertEqual("1970-01-01T00:00:00.000Z", format_timestamp(0))
        validate_timestamp(format_timestamp(1700000000.5))

    def test_timestamp_rejectsImpossibleDates(self):
        for bad in (
            "2023-02-29T00:00:00.000Z",
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00.000+00:00",
            "2024-13-01T00:00:00.000Z",
        ):
            with self.assertRaises(OvpoValidationError, msg=bad):
                validate_timestamp(bad)

    def test_uuid_rejectsUpperCaseAndOtherVersions(self):
        for bad in (new_id().upper(), "00000000-0000-1000-8000-000000000000", "not-a-uuid"):
            with self.assertRaises(OvpoValidationError):
                validate_uuid4(bad)

    def test_apiKeyAndIdempotencyKeyFormats(self):
        validate_api_key("ovpo_abcd1234_" + "A1" * 16)
        for bad in ("ovpo_ABCD1234_" + "a" * 32, "ovpo_abc_" + "a" * 32, "key"):
            with self.assertRaises(OvpoValidationError):
                validate_api_key(bad)
        validate_idempotency_key("a" * 128)
        for bad in ("", "a" * 129, "has space"):
            with self.assertRaises(OvpoValidationError):
                validate_idempotency_key(bad)


class Attributes(unittest.TestCase):
    def test_namespacedKeys_andScalarOrArrayValues_pass(self):
        attrs = {
            "ovpo.sdk.name": "mine",
            "custom.flag": True,
            "custom.name": "x",
            "custom.list": (1, "a", False),
            "custom.ratio": 0.5,
        }
        self.assertEqual({**attrs, "custom.list": [1, "a", False]}, validate_attributes(attrs))

    def test_unnamespacedKey_errorNamesTheKeyAndTheRule(self):
        with self.assertRaises(OvpoValidationError) as caught:
            validate_attributes({"steps": 30, "custom.ok": 1})
        self.assertEqual(["attributes/steps"], [f for f, _ in caught.exception.problems])
        self.assertIn("must start with 'custom.'", str(caught.exception))
        self.assertIn("custom.steps", str(caught.exception))

    def test_ovpoNamespace_acceptsOnlyTheKeysTheSpecDefines(self):
        defined = {"ovpo.sdk.name": "x", "ovpo.sdk.version": "1", "ovpo.sdk.language": "python"}
        self.assertEqual(defined, validate_attributes(defined))
        with self.assertRaises(OvpoValidationError) as caught:
            validate_attributes({"ovpo.sampling.step": 3})
        self.assertIn("use 'custom.sampling.step'", str(caught.exception))

    def test_limits(self):
        cases = {
            "too many keys": {"custom.k%d" % i: i for i in range(129)},
            "long string": {"custom.s": "x" * 4097},
            "long array": {"custom.a": list(range(129))},
            "nested object": {"custom.o": {"a": 1}},
            "nan": {"custom.n": math.nan},
            "none": {"custom.n": None},
            "key too long": {"custom." + "k" * 124: 1},
            "over 32 KiB": {"custom.s%d" % i: "x" * 4000 for i in range(9)},
        }
        for name, attrs in cases.items():
            with self.assertRaises(OvpoValidationError, msg=name):
                validate_attributes(attrs)

    def test_numpyLikeScalars_areConvertedToPlainNumbers(self):
        import fractions

        self.assertEqual(
            {"custom.f": 0.5}, validate_attributes({"custom.f": fractions.Fraction(1, 2)})
        )

    def test_clean_dropsOnlyTheBadKeys(self):
        kept, problems = clean(
            validate_attributes, {"custom.ok": 1, "bad": 2, "custom.n": math.inf}, "attributes"
        )
        self.assertEqual({"custom.ok": 1}, kept)
        self.assertEqual({"attributes/bad", "attributes/custom.n"}, {f for f, _ in problems})

    def test_clean_trimsNewestKeysWhenTheWholeIsTooLarge(self):
        attrs = {"custom.s%d" % i: "x" * 4000 for i in range(9)}
        kept, problems = clean(validate_attributes, attrs, "attributes")
        self.assertEqual(["custom.s%d" % i for i in range(8)], list(kept))
        self.assertTrue(problems)


class TagsMetricsGpu(unittest.TestCase):
    def test_tags(self):
        self.assertEqual(
            {"env": "prod", "team.a-b_c": ""}, validate_tags({"env": "prod", "team.a-b_c": ""})
        )
        for bad in (
            {"Env": "x"},
            {"e": "x" * 257},
            {"e": 1},
            {"k%d" % i: "v" for i in range(65)},
            {"": "x"},
        ):
            with self.assertRaises(OvpoValidationError, msg=repr(bad)[:40]):
                validate_tags(bad)

    def test_qualityMetrics_rangesOfNamedMetrics(self):
        ok = {
            "clip_similarity": -1,
            "aesthetic_score": 10,
            "temporal_consistency": 0.5,
            "custom_metric": 1e9,
        }
        self.assertEqual(ok, validate_quality_metrics(ok))
        for bad in (
            {"clip_similarity": 1.1},
            {"aesthetic_score": -0.1},
            {"temporal_consistency": 2},
            {"Bad": 1},
            {"x": math.nan},
            {"x": True},
            {"m%d" % i: 1 for i in range(33)},
        ):
            with self.assertRaises(OvpoValidationError, msg=repr(bad)[:40]):
                validate_quality_metrics(bad)

    def test_gpuSample(self):
        self.assertEqual(
            {"vram_used_mb": 1, "gpu_utilization_pct": 100},
            validate_gpu_sample({"vram_used_mb": 1, "gpu_utilization_pct": 100}),
        )
        for bad in (
            {"vram_used_mb": -1, "gpu_utilization_pct": 1},
            {"vram_used_mb": 1, "gpu_utilization_pct": 101},
            {"vram_used_mb": 1},
            {"vram_used_mb": 1, "gpu_utilization_pct": 1, "temperature_c": 151},
            {"vram_used_mb": 1, "gpu_utilization_pct": 1, "power_w": 3},
        ):
            with self.assertRaises(OvpoValidationError, msg=repr(bad)):
                validate_gpu_sample(bad)


class Hashing(unittest.TestCase):
    def test_promptAndUserHashesAreSha256OfUtf8(self):
        self.assertEqual(
            hashlib.sha256("a cat 🐱".encode("utf-8")).hexdigest(), ovpo.hash_prompt("a cat 🐱")
        )
        self.assertEqual(hashlib.sha256(b"user-1").hexdigest(), ovpo.hash_user_id("user-1"))

    def test_saltSwitchesToHmac_andStays64Hex(self):
        salted = ovpo.hash_user_id("user-1", salt="pepper")
        self.assertNotEqual(ovpo.hash_user_id("user-1"), salted)
        self.assertRegex(salted, r"^[0-9a-f]{64}$")
        self.assertEqual(salted, ovpo.hash_user_id("user-1", salt=b"pepper"))


class Builders(unittest.TestCase):
    def test_pipelineConfig_validRanges(self):
        cfg = ovpo.pipeline_config(
            "m",
            width=1280,
            height=720,
            fps=24,
            num_frames=48,
            gpu_type="H100",
            steps=30,
            guidance_scale=7.5,
            seed=2**63 - 1,
            scheduler="DPM",
        )
        self.assertEqual({"gpu_type": "H100", "gpu_count": 1}, cfg["hardware"])
        self.assertNotIn("model_version", cfg)  # optional fields are omitted, never null
        for bad in (
            dict(width=0),
            dict(fps=0),
            dict(fps=1001),
            dict(num_frames=0),
            dict(seed=-1),
            dict(steps=10001),
            dict(guidance_scale=101),
            dict(gpu_count=0),
            dict(width=True),
        ):
            args = dict(width=64, height=64, fps=24, num_frames=8, gpu_type="cpu")
            args.update(bad)
            with self.assertRaises(OvpoValidationError, msg=repr(bad)):
                ovpo.pipeline_config("m", **args)

    def test_failure(self):
        self.assertEqual(
            {"code": "OOM", "message": "boom", "retryable": False},
            ovpo.failure(ovpo.FailureCode.OOM, "boom"),
        )
        with self.assertRaises(OvpoValidationError):
            ovpo.failure("NOPE", "boom")
        with self.assertRaises(OvpoValidationError):
            ovpo.failure("OOM", "")

    def test_artifactRef_fixedIdAndRules(self):
        ref = ovpo.artifact_ref(ArtifactKind.VIDEO, "s3://b/k.mp4", "video/mp4", 10, ttl_hours=24)
        validate_uuid4(ref["artifact_id"])
        for bad in (
            dict(uri="http://x/y"),
            dict(uri="s3://"),
            dict(content_type="mp4"),
            dict(size_bytes=-1),
            dict(sha256="abc"),
            dict(ttl_hours=0),
            dict(kind="AUDIO"),
        ):
            args = dict(kind="VIDEO", uri="s3://b/k", content_type="video/mp4", size_bytes=1)
            args.update(bad)
            with self.assertRaises(OvpoValidationError, msg=repr(bad)):
                ovpo.artifact_ref(**args)

    def test_fileArtifactRef_readsSizeAndSha256(self):
        with tempfile.NamedTemporaryFile(delete=False) as handle:
            handle.write(b"video bytes")
        try:
            ref = ovpo.file_artifact_ref(handle.name, "VIDEO", "s3://b/v.mp4", "video/mp4")
        finally:
            os.unlink(handle.name)
        self.assertEqual(11, ref["size_bytes"])
        self.assertEqual(hashlib.sha256(b"video bytes").hexdigest(), ref["sha256"])

    def test_outputManifest_keepsIdsAcrossBuilds_andRejectsDuplicates(self):
        manifest = OutputManifest()
        ref = manifest.add("VIDEO", "s3://b/v.mp4", "video/mp4", 5)
        trace_id = new_id()
        first, second = manifest.build(trace_id), manifest.build(trace_id)
        self.assertEqual(first, second)
        self.assertEqual(manifest.manifest_id, first["manifest_id"])
        with self.assertRaises(OvpoValidationError):
            manifest.add_ref(ref)
        with self.assertRaises(OvpoValidationError):
            OutputManifest().build(trace_id)

    def test_failureValidator_requiresBooleanRetryable(self):
        with self.assertRaises(OvpoValidationError):
            validate_failure({"code": "OOM", "message": "m"})


if __name__ == "__main__":
    unittest.main()


class AttributeSizeBound(unittest.TestCase):
    def test_boundIsNeverBelowTheEncodedSize(self):
        import json
        import random

        from ovpo.validation import _json_size_bound

        rng = random.Random(5)
        alphabet = ["a", "é", "€", "😀", "\n", "\x01", '"', "\\"]
        for _ in range(300):
            attrs = {}
            for k in range(rng.randrange(1, 6)):
                choice = rng.randrange(5)
                if choice == 0:
                    value = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 50)))
                elif choice == 1:
                    value = rng.uniform(-1e300, 1e300)
                elif choice == 2:
                    value = rng.randrange(-(10**30), 10**30)
                elif choice == 3:
                    value = rng.random() < 0.5
                else:
                    value = [
                        rng.choice(["x\n", 1, -2.5e-300, True]) for _ in range(rng.randrange(4))
                    ]
                attrs["custom.k%d" % k] = value
            encoded = json.dumps(attrs, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
            self.assertGreaterEqual(_json_size_bound(attrs), len(encoded), attrs)
