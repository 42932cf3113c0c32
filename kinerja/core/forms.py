from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    """Login by NIP (or a short username for non-ASN accounts) and password."""

    username = forms.CharField(
        label="NIP",
        max_length=40,
        help_text="18 digit NIP tanpa spasi. Akun non-ASN memakai nama pengguna.",
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "text", "autofocus": True}),
    )
    password = forms.CharField(
        label="Kata sandi",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": "NIP atau kata sandi salah. Periksa kembali, lalu coba lagi.",
        "inactive": "Akun ini tidak aktif. Hubungi admin BKPSDM.",
    }

    def clean_username(self):
        return (self.cleaned_data.get("username") or "").strip().replace(" ", "")


class CatatanAuditForm(forms.Form):
    judul = forms.CharField(label="Judul", max_length=200)
    objek = forms.CharField(label="Objek yang diperiksa", max_length=200, required=False)
    isi = forms.CharField(label="Isi catatan", widget=forms.Textarea(attrs={"rows": 4}))


class AuditSearchForm(forms.Form):
    q = forms.CharField(label="Cari (objek atau perubahan)", required=False)
    model = forms.CharField(label="Jenis data (mis. pegawai)", required=False)
    actor_q = forms.CharField(label="Pelaku (NIP atau nama)", required=False)
    dari = forms.DateField(label="Dari tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(label="Sampai tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"}))
