"""Kinerja: assessment and supervision of ASN performance for Pemerintah Kabupaten Bukitintan."""
