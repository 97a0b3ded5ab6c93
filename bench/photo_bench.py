"""Benchmark (not a test): a 24-megapixel JPEG into all renditions, the photo pipeline vs plain Pillow.

Usage: .venv/bin/python bench/photo_bench.py [--runs 3]

Each run is a fresh subprocess, so its peak resident memory (ru_maxrss) is its
own. tracemalloc only sees Python-level allocations (Pillow's pixel buffers are
allocated in C), so the resident figure is the one that matters; both are shown.
"""

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 6000, 4000  # 24 megapixels
WIDTHS = [480, 960, 1600]


def make_sample(path):
    """A camera-like 24 MP JPEG: gradients, shapes and sensor noise, with GPS EXIF."""
    from PIL import Image, ImageDraw

    gradient = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    noise = Image.effect_noise((WIDTH, HEIGHT), 24)
    img = Image.merge("RGB", (gradient, noise, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    draw = ImageDraw.Draw(img)
    for i in range(0, WIDTH, 400):
        draw.ellipse((i, i % HEIGHT, i + 700, (i % HEIGHT) + 500), fill=(i % 255, 90, 200 - i % 200))
    exif = Image.Exif()
    exif[0x0112] = 1
    exif.get_ifd(0x8825).update({1: "N", 2: (18.0, 40.0, 12.0), 3: "E", 4: (105.0, 40.0, 55.0)})
    img.save(path, "JPEG", quality=92, exif=exif)


def peak_rss_mb():
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return usage / 1024


def run_pillow(path, out_dir):
    """What a plain Pillow script does: open, orient, resize each width from the full image, save WebP and JPEG."""
    from PIL import Image, ImageOps

    with Image.open(path) as img:
        img = ImageOps.exif_transpose(img)
        for width in WIDTHS:
            height = round(img.height * width / img.width)
            small = img.resize((width, height), Image.Resampling.LANCZOS)
            small.save(out_dir / f"{width}.webp", "WEBP", quality=80, method=4)
            small.save(out_dir / f"{width}.jpg", "JPEG", quality=82, optimize=True, progressive=True)


def run_newsroom(path, out_dir):
    """The pipeline: read with limits, sniff, polyglot walk, verify, orient, strip, re-encode original + renditions."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings_test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.files.storage import FileSystemStorage

    from articles import photos

    storage = FileSystemStorage(location=out_dir)
    with open(path, "rb") as fileobj:
        processed = photos.process_upload(fileobj)
    storage.save(f"original.{processed.ext}", io.BytesIO(processed.data))
    for r in processed.renditions:
        storage.save(f"{r.width}.webp", io.BytesIO(r.webp))
        storage.save(f"{r.width}.jpg", io.BytesIO(r.jpeg))


def child(mode, path):
    if mode == "newsroom":  # import Django before measuring, as a running server has
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings_test")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        import articles.photos  # noqa: F401
    import PIL.Image  # noqa: F401

    baseline = peak_rss_mb()
    with tempfile.TemporaryDirectory() as out:
        tracemalloc.start()
        start = time.perf_counter()
        {"pillow": run_pillow, "newsroom": run_newsroom}[mode](path, Path(out))
        elapsed = time.perf_counter() - start
        _current, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        files = sorted(os.listdir(out))
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "peak_rss_mb": peak_rss_mb(),
                "rss_growth_mb": peak_rss_mb() - baseline,
                "tracemalloc_peak_mb": traced_peak / 2**20,
                "files": files,
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=["pillow", "newsroom"], help=argparse.SUPPRESS)
    parser.add_argument("--sample", help=argparse.SUPPRESS)
    parser.add_argument("--make-sample", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_sample:
        make_sample(args.make_sample)
        return
    if args.child:
        child(args.child, args.sample)
        return

    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample-24mp.jpg"
        # Made in its own process: Linux keeps ru_maxrss across fork/exec, so a
        # big parent would inflate every child's figure.
        subprocess.run([sys.executable, __file__, "--make-sample", str(sample)], check=True)
        size_mb = sample.stat().st_size / 2**20
        print(f"Sample: {WIDTH}x{HEIGHT} JPEG, {size_mb:.1f} MB; widths {WIDTHS}; {args.runs} runs")
        results = {}
        for mode in ("pillow", "newsroom"):
            runs = []
            for _ in range(args.runs):
                out = subprocess.run(
                    [sys.executable, __file__, "--child", mode, "--sample", str(sample)],
                    check=True,
                    capture_output=True,
                    text=True,
                    cwd=ROOT,
                )
                runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
            results[mode] = runs
        print()
        print("| variant | files written | time (median) | peak RSS | RSS growth | tracemalloc peak |")
        print("|---|---|---|---|---|---|")
        labels = {"pillow": "plain Pillow (resize + save)", "newsroom": "Newsroom pipeline"}
        for mode, runs in results.items():
            print(
                f"| {labels[mode]} | {len(runs[0]['files'])} "
                f"| {statistics.median(r['seconds'] for r in runs):.2f} s "
                f"| {max(r['peak_rss_mb'] for r in runs):.0f} MB "
                f"| {max(r['rss_growth_mb'] for r in runs):.0f} MB "
                f"| {max(r['tracemalloc_peak_mb'] for r in runs):.1f} MB |"
            )
        print(f"\nPython {sys.version.split()[0]}, Pillow {__import__('PIL').__version__}, {os.cpu_count()} CPU(s)")


if __name__ == "__main__":
    main()
