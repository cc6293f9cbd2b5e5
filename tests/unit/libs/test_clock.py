from datetime import timedelta

from libs.clock import OffsetClock, SystemClock, clock_from


def test_an_offset_clock_moves_when_its_file_changes(tmp_path):
    offset_file = tmp_path / "offset"
    clock = OffsetClock(offset_file)
    real = SystemClock()

    before = clock.now() - real.now()
    offset_file.write_text("3600")
    after = clock.now() - real.now()

    assert abs(before) < timedelta(seconds=1)
    assert timedelta(minutes=59) < after < timedelta(minutes=61)


def test_production_never_reads_an_offset_file(tmp_path):
    assert isinstance(clock_from("production", str(tmp_path / "offset")), SystemClock)
    assert isinstance(clock_from("test", str(tmp_path / "offset")), OffsetClock)
