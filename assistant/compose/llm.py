"""Optional LLM composer (LangChain ``init_chat_model``) and the check every draft passes.

Providers: ``openai`` (any OpenAI-compatible endpoint) and ``ollama``; both need the extra
``kunnskapsassistent[llm]`` and are imported only when an answer is composed. Nothing here touches
the network unless an LLM is configured and asked.

``check_draft`` is for every composer: markers to passages that were not given are removed, and
sentences whose numbers do not appear digit for digit in the passages they cite are dropped.
"""

from __future__ import annotations

import json
import os
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from assistant.compose.base import Composer, Draft
from assistant.compose.prompt import (
    ABSTAIN,
    MARKER,
    build_messages,
    is_abstention,
    markers_in,
    passage_quotes,
    reply_text,
    split_answer,
)
from assistant.proof.numbers import unproven_numbers
from assistant.reading.instructions import looks_like_instruction
from index.records import Hit
from kunnskap.errors import AssistantError, UsageError

PROVIDERS = ("openai", "ollama")
LLM_EXTRA = "kunnskapsassistent[llm]"
OPENAI_DEFAULT_URL = "https://api.openai.com/v1"
OLLAMA_DEFAULT_URL = "http://localhost:11434"


class LLMUnavailable(AssistantError):
    """The LLM could not be used (not installed, unreachable, slow, failing, or unsafe reply).

    ``str(err)`` is one Norwegian line for the user; the assistant then answers extractively.
    """


@dataclass(frozen=True)
class LLMSpec:
    """A provider and a model, parsed from «openai:gpt-4o-mini» or «ollama:llama3.1»."""

    provider: str
    model: str

    @property
    def mode(self) -> str:
        return f"llm:{self.model}"

    def __str__(self) -> str:
        return f"{self.provider}:{self.model}"


def parse_llm_spec(spec: str) -> LLMSpec:
    """Parse «PROVIDER:MODEL».

    Raises:
        UsageError: no colon, an empty model, or an unknown provider (valid ones are listed).

    Example:
        >>> parse_llm_spec("ollama:llama3.1")
        LLMSpec(provider='ollama', model='llama3.1')
    """
    valid = ", ".join(PROVIDERS)
    provider, sep, model = (spec or "").strip().partition(":")
    provider, model = provider.strip().lower(), model.strip()
    if not sep or not model:
        raise UsageError(f"Ugyldig språkmodell «{spec}». Skriv LEVERANDØR:MODELL, for eksempel "
                         f"openai:gpt-4o-mini eller ollama:llama3.1 (leverandører: {valid}).")
    if provider not in PROVIDERS:
        raise UsageError(f"Ukjent leverandør «{provider}» i «{spec}». Gyldige leverandører: {valid}.")
    return LLMSpec(provider, model)


def _env(*names: str) -> str | None:
    return next((os.environ[n] for n in names if os.environ.get(n, "").strip()), None)


def resolve_endpoint(spec: LLMSpec, base_url: str | None = None,
                     api_key: str | None = None) -> tuple[str, str | None]:
    """(base URL, API key): arguments first, then KUNNSKAP_LLM_*, then the provider's variables."""
    if spec.provider == "ollama":
        url = base_url or _env("KUNNSKAP_LLM_BASE_URL", "OLLAMA_HOST") or OLLAMA_DEFAULT_URL
        if "://" not in url:
            url = f"http://{url}"
        return url.rstrip("/"), None
    url = base_url or _env("KUNNSKAP_LLM_BASE_URL", "OPENAI_BASE_URL") or OPENAI_DEFAULT_URL
    key = api_key or _env("KUNNSKAP_LLM_API_KEY", "OPENAI_API_KEY")
    return url.rstrip("/"), key


# --- the check every draft passes -------------------------------------------------------------

def evidence_text(passage: str) -> str:
    """The passage without sentences that look like instructions: those are never proof."""
    from assistant.reading.text import split_sentences

    return " ".join(s.text for s in split_sentences(passage) if not looks_like_instruction(s.text))


def _strip_markers(sentence: str, valid: range) -> tuple[str, list[int], list[int]]:
    """Remove markers outside ``valid``; return the sentence, kept and bad marker numbers."""
    kept: list[int] = []
    bad: list[int] = []

    def fix(m: re.Match[str]) -> str:
        ns = [int(x) for x in re.split(r"[,;]", m.group(1))]
        good = [n for n in ns if n in valid]
        bad.extend(n for n in ns if n not in valid)
        kept.extend(good)
        return "".join(f"[{n}]" for n in good)

    out = MARKER.sub(fix, sentence)
    return re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", out)).strip(), kept, bad


def _check_once(text: str, hits: Sequence[Hit], evidence: list[str]) -> tuple[str, list[str]]:
    valid = range(1, len(hits) + 1)
    problems: list[str] = []
    answer_markers = [n for n in markers_in(text) if n in valid]
    kept_lines: list[str] = []
    for line in split_answer(text):
        line_markers = [n for n in markers_in(" ".join(line)) if n in valid]
        kept: list[str] = []
        for sentence in line:
            clean, cited, bad = _strip_markers(sentence, valid)
            for n in bad:
                problems.append(f"Henvisningen [{n}] peker ikke på noe utdrag (bare [1]–[{len(hits)}] "
                                "ble gitt), og er fjernet.")
            if not cited and not bad:
                cited = line_markers or answer_markers
            unproven = unproven_numbers(clean, [evidence[n - 1] for n in dict.fromkeys(cited)])
            if unproven:
                problems.append(f"En setning med tall som ikke står i kildene ({', '.join(unproven)}) "
                                "er fjernet.")
                continue
            if MARKER.sub("", clean).strip(" .,;:"):
                kept.append(clean)
        if kept:
            kept_lines.append(" ".join(kept))
    return "\n".join(kept_lines).strip(), problems


def check_draft(draft: Draft, hits: Sequence[Hit]) -> tuple[Draft, list[str]]:
    """Verify a draft from any composer against the passages it was given.

    Markers [n] with n outside 1..len(hits) are removed. Each sentence's numbers must appear
    digit for digit in the passages it cites (its own markers; without any, those of its line or
    else of the whole answer); sentences in passages that look like instructions prove nothing.
    A sentence that fails is dropped, and the check repeats until nothing changes (a dropped
    sentence may have carried the citation of its neighbour). ``problems`` says, in Norwegian,
    what was removed.

    Returns:
        (checked draft, problems). The draft's ``text`` is "" when nothing safe remained and the
        draft was not an abstention: the caller then falls back to the extractive answer.
    """
    evidence = [evidence_text(h.chunk.text) for h in hits]
    problems: list[str] = []
    text = draft.text
    while True:
        new_text, found = _check_once(text, hits, evidence)
        problems += found
        if not found:
            break
        text = new_text
    if not problems:
        return draft, []
    quotes = {n: q for n, q in draft.quotes.items() if n in markers_in(text)}
    note = "Deler av svaret er fjernet fordi de ikke kunne bekreftes i kildene."
    note = f"{draft.note} {note}".strip() if draft.note else note
    return replace(draft, text=text, quotes=quotes, note=note), problems


# --- the composer ------------------------------------------------------------------------------


def _unavailable_reason(exc: BaseException, spec: LLMSpec, url: str, timeout: float) -> str:
    """One Norwegian line saying why the LLM could not be used."""
    name = type(exc).__name__
    status = getattr(exc, "status_code", None) or getattr(getattr(exc, "response", None),
                                                          "status_code", None)
    if "Timeout" in name or "timed out" in str(exc).lower():
        return f"Språkmodellen ({spec}) svarte ikke innen {timeout:g} s."
    if status in (401, 403):
        return f"Språkmodellen ({spec}) avviste API-nøkkelen (HTTP {status})."
    if status == 404:
        return f"Fant ikke modellen «{spec.model}» hos {url} (HTTP 404)."
    if status:
        return f"Språkmodellen ({spec}) svarte med feil (HTTP {status})."
    if "Connect" in name or "connection" in str(exc).lower():
        return f"Får ikke kontakt med språkmodellen på {url}."
    return f"Språkmodellen ({spec}) feilet: {name}."


class LLMComposer(Composer):
    """Composes with a chat model through LangChain; every reply is checked with ``check_draft``.

    Args:
        spec: an ``LLMSpec`` or a «PROVIDER:MODEL» string.
        base_url, api_key: override the environment (see ``resolve_endpoint``).
        timeout: seconds before the model counts as unreachable.

    Raises (from ``compose``):
        LLMUnavailable: not installed, unreachable, slow, failing, or nothing safe in the reply.
    """

    def __init__(self, spec: LLMSpec | str, base_url: str | None = None, api_key: str | None = None,
                 timeout: float = 20.0):
        self.spec = parse_llm_spec(spec) if isinstance(spec, str) else spec
        self.base_url, self.api_key = resolve_endpoint(self.spec, base_url, api_key)
        self.timeout = float(timeout)
        self.name = self.spec.mode
        self._model = None
        self._lock = threading.Lock()

    def _chat_model(self):
        with self._lock:
            if self._model is None:
                self._model = self._init_model()
            return self._model

    def _init_model(self):
        try:
            from langchain.chat_models import init_chat_model
        except ImportError as exc:
            raise LLMUnavailable(f"Språkmodell er ikke installert: pip install '{LLM_EXTRA}'.") from exc
        if self.spec.provider == "openai":
            if self.api_key is None and self.base_url == OPENAI_DEFAULT_URL:
                raise LLMUnavailable("Mangler API-nøkkel for OpenAI: sett OPENAI_API_KEY "
                                     "(eller KUNNSKAP_LLM_API_KEY).")
            kwargs = dict(base_url=self.base_url, api_key=self.api_key or "ingen-nokkel",
                          timeout=self.timeout, max_retries=0, temperature=0)
        else:
            kwargs = dict(base_url=self.base_url, temperature=0,
                          client_kwargs={"timeout": self.timeout})
        try:
            return init_chat_model(self.spec.model, model_provider=self.spec.provider, **kwargs)
        except ImportError as exc:
            raise LLMUnavailable(f"Pakken for «{self.spec.provider}» mangler: pip install "
                                 f"'{LLM_EXTRA}'.") from exc

    def complete(self, messages: list[tuple[str, str]]) -> str:
        """Send ``messages`` and return the reply text. Raises ``LLMUnavailable``."""
        model = self._chat_model()
        try:
            reply = model.invoke(messages)
        except Exception as exc:  # any client failure means "answer without the LLM"
            raise LLMUnavailable(_unavailable_reason(exc, self.spec, self.base_url,
                                                     self.timeout)) from exc
        return reply_text(reply.content)

    def compose(self, question: str, query_used: str, hits: list[Hit],
                spans: Mapping[int, str] | None = None) -> Draft:
        if not hits:
            return Draft(ABSTAIN, True, self.spec.mode, {})
        text = self.complete(build_messages(question, query_used, hits, spans))
        if not text:
            raise LLMUnavailable(f"Språkmodellen ({self.spec}) ga et tomt svar.")
        abstained = is_abstention(text)
        draft = Draft(text, abstained, self.spec.mode, passage_quotes(text, hits))
        checked, problems = check_draft(draft, hits)
        if not checked.text:
            raise LLMUnavailable("Svaret fra språkmodellen kunne ikke bekreftes i kildene "
                                 f"({len(problems)} feil).")
        return replace(checked, quotes=passage_quotes(checked.text, hits))


def llm_status(spec: LLMSpec | str, base_url: str | None = None, api_key: str | None = None,
               timeout: float = 2.0) -> tuple[bool, str]:
    """Cheap reachability check for the UI: GET /models (openai) or /api/tags (ollama).

    Returns (reachable, one Norwegian line). Never raises for network problems.
    """
    spec = parse_llm_spec(spec) if isinstance(spec, str) else spec
    url, key = resolve_endpoint(spec, base_url, api_key)
    probe = f"{url}/api/tags" if spec.provider == "ollama" else f"{url}/models"
    request = urllib.request.Request(probe, headers={"Authorization": f"Bearer {key}"} if key else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:  # noqa: S310 (configured URL)
            body = json.loads(resp.read().decode("utf-8") or "{}")
    except urllib.error.HTTPError as exc:
        return False, f"Språkmodellen på {url} svarte med feil (HTTP {exc.code})."
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        return False, f"Får ikke kontakt med språkmodellen på {url} ({getattr(exc, 'reason', exc)})."
    except ValueError:
        return False, f"Uventet svar fra {probe}."
    items = body.get("models" if spec.provider == "ollama" else "data") or []
    names = {str(m.get("name") or m.get("id") or m.get("model")) for m in items if isinstance(m, dict)}
    if names and spec.model not in names and f"{spec.model}:latest" not in names:
        return False, f"Modellen «{spec.model}» finnes ikke på {url}."
    return True, f"Språkmodell: {spec} på {url}."
