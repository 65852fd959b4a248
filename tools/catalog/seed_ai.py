"""Seed: generative-AI vendors and services (priority list of issue 3)."""
# ruff: noqa: E501
from dsl import P, V, WP

OPENAI_CONSUMER = "https://help.openai.com/en/articles/5722486-how-your-data-is-used-to-improve-model-performance"
OPENAI_ENTERPRISE = "https://openai.com/enterprise-privacy/"
V("openai", "OpenAI", "US", "none", "private", WP("OpenAI"), legal="OpenAI OpCo, LLC", aliases=["OpenAI LLC", "OpenAI Ireland Limited", "OpenAI, L.L.C."], web="https://openai.com",
  note="Controlled by the OpenAI non-profit; Microsoft holds a minority economic stake.", purls=["pkg:pypi/openai", "pkg:npm/openai"])
P("openai", "chatgpt", "ChatGPT", "genai-chat", web="https://chatgpt.com", alias=["Chat GPT", "ChatGPT Plus", "ChatGPT Team", "ChatGPT Enterprise"],
  dom=["chatgpt.com", "chat.openai.com", "chat.com", "oaistatic.com", "oaiusercontent.com", "chatgpt.site", "oaistatsig.com"], hosting=["microsoft-azure"],
  ai={"trains_on_inputs": True, "enterprise_tier": True, "source": OPENAI_CONSUMER})
P("openai", "openai-api", "OpenAI API", "genai-api", web="https://platform.openai.com", alias=["OpenAI Platform", "GPT-4 API"], dom=["api.openai.com", "platform.openai.com", "full:files.oaiusercontent.com"],
  hosting=["microsoft-azure"], ai={"trains_on_inputs": False, "retention": "30 days (abuse monitoring), zero retention on request", "enterprise_tier": True, "source": OPENAI_ENTERPRISE})
P("openai", "sora", "Sora", "genai-video", web="https://sora.com", dom=["sora.com", "sora.chatgpt.com"])
P("openai", "openai-codex", "OpenAI Codex", "genai-coding", web="https://openai.com/codex/", alias=["Codex CLI", "Codex"])
P("openai", "openai-web", "OpenAI web site", "genai-other", web="https://openai.com", v2=["openai"], alias=["OpenAI"])

V("anthropic", "Anthropic", "US", "none", "private", WP("Anthropic"), legal="Anthropic PBC", aliases=["Anthropic, PBC", "Anthropic Ireland Limited"], web="https://www.anthropic.com",
  purls=["pkg:pypi/anthropic", "pkg:npm/@anthropic-ai/*"])
P("anthropic", "claude", "Claude", "genai-chat", web="https://claude.ai", alias=["Claude.ai", "Claude Pro", "Claude Team", "Claude for Work"],
  dom=["claude.ai", "claudeusercontent.com", "claude.com", "clau.de"], hosting=["google-cloud", "aws"],
  ai={"trains_on_inputs": True, "retention": "5 years when training is allowed, 30 days otherwise", "enterprise_tier": True, "source": "https://www.anthropic.com/news/updates-to-our-consumer-terms", "as_of": "2025-10-08"})
P("anthropic", "anthropic-api", "Anthropic API (Claude Developer Platform)", "genai-api", web="https://console.anthropic.com", alias=["Claude API", "Anthropic Console"],
  dom=["api.anthropic.com", "console.anthropic.com", "platform.claude.com"], hosting=["google-cloud", "aws"])
P("anthropic", "claude-code", "Claude Code", "genai-coding", web="https://www.anthropic.com/claude-code", dom=["full:statsig.anthropic.com"])
P("anthropic", "anthropic-web", "Anthropic web site", "genai-other", web="https://www.anthropic.com", v2=["anthropic"], alias=["Anthropic"])

V("mistral-ai", "Mistral AI", "FR", "none", "private", WP("Mistral_AI"), legal="Mistral AI SAS", aliases=["Mistral"], web="https://mistral.ai", siren="952418325",
  purls=["pkg:pypi/mistralai", "pkg:npm/@mistralai/*"])
P("mistral-ai", "mistral-le-chat", "Le Chat (Mistral AI)", "genai-chat", web="https://chat.mistral.ai", alias=["Le Chat", "Mistral Le Chat", "Mistral Chat"], fr="Le Chat (Mistral AI)",
  dom=["chat.mistral.ai"], ai={"trains_on_inputs": True, "enterprise_tier": True, "source": "https://mistral.ai/terms"})
P("mistral-ai", "mistral-api", "Mistral AI API (La Plateforme)", "genai-api", web="https://console.mistral.ai", alias=["La Plateforme", "Mistral API"], dom=["api.mistral.ai", "console.mistral.ai", "codestral.mistral.ai"])
P("mistral-ai", "mistral-web", "Mistral AI web site", "genai-other", web="https://mistral.ai", dom=["mistral.ai"], alias=["Mistral AI"])

V("deepl", "DeepL", "DE", "none", "private", WP("DeepL_SE"), legal="DeepL SE", aliases=["DeepL GmbH", "Linguee"], web="https://www.deepl.com")
P("deepl", "deepl-translator", "DeepL Translator", "genai-translation", web="https://www.deepl.com", alias=["DeepL", "DeepL Pro", "DeepL Traducteur"], fr="DeepL Traducteur",
  v2=["linguee"], dom=["deepl.com", "deepl.io", "api.deepl.com", "api-free.deepl.com"],
  ai={"trains_on_inputs": True, "enterprise_tier": True, "source": "https://www.deepl.com/privacy"})
P("deepl", "deepl-write", "DeepL Write", "genai-writing", web="https://www.deepl.com/write")

V("perplexity-ai", "Perplexity AI", "US", "none", "private", WP("Perplexity_AI"), legal="Perplexity AI, Inc.", web="https://www.perplexity.ai")
P("perplexity-ai", "perplexity", "Perplexity", "genai-search", web="https://www.perplexity.ai", alias=["Perplexity AI", "Perplexity Pro", "Comet"], v2=["perplexity"])

V("high-flyer", "High-Flyer", "CN", None, "private", WP("High-Flyer"), legal="Ningbo High-Flyer Quantitative Investment Management", aliases=["幻方量化"], web="https://www.high-flyer.cn")
V("deepseek", "DeepSeek", "CN", "high-flyer", "private", WP("DeepSeek"), legal="Hangzhou DeepSeek Artificial Intelligence Basic Technology Research Co., Ltd.", aliases=["深度求索"], web="https://www.deepseek.com")
P("deepseek", "deepseek-chat", "DeepSeek", "genai-chat", web="https://chat.deepseek.com", alias=["DeepSeek Chat", "DeepSeek-R1"], v2=["deepseek"], dom=["chat.deepseek.com", "deepseek.com", "deepseek.ai"],
  ai={"trains_on_inputs": True, "source": "https://cdn.deepseek.com/policies/en-US/deepseek-privacy-policy.html"}, locs=["CN"])
P("deepseek", "deepseek-api", "DeepSeek API", "genai-api", web="https://platform.deepseek.com", dom=["api.deepseek.com", "platform.deepseek.com"], locs=["CN"])

V("moonshot-ai", "Moonshot AI", "CN", None, "private", WP("Moonshot_AI"), legal="Beijing Moonshot AI Technology Co., Ltd.", aliases=["月之暗面"], web="https://www.moonshot.cn")
P("moonshot-ai", "kimi", "Kimi", "genai-chat", web="https://www.kimi.com", alias=["Kimi Chat", "Kimi K2"], dom=["kimi.com", "kimi.ai", "moonshot.cn", "moonshot.ai"])

V("alibaba", "Alibaba Group", "CN", "none", "listed", WP("Alibaba_Group"), legal="Alibaba Group Holding Limited", aliases=["Alibaba"], web="https://www.alibabagroup.com",
  note="Incorporated in the Cayman Islands, headquartered in Hangzhou.")
V("alibaba-cloud", "Alibaba Cloud", "CN", "alibaba", "private", WP("Alibaba_Cloud"), legal="Alibaba Cloud Computing Co., Ltd.", aliases=["Aliyun", "阿里云"], web="https://www.alibabacloud.com")
P("alibaba-cloud", "alibaba-cloud", "Alibaba Cloud", "cloud-iaas-paas", web="https://www.alibabacloud.com", alias=["Aliyun"], v2=["alibabacloud", "aliyun"])
P("alibaba-cloud", "qwen", "Qwen (Tongyi Qianwen)", "genai-chat", web="https://chat.qwen.ai", alias=["Tongyi", "通义千问", "Qwen Chat"], dom=["qwen.ai", "qwenlm.ai", "tongyi.com", "qianwen.com", "qianwenai.com", "full:qianwen.aliyun.com", "full:tongyi.aliyun.com"])
P("alibaba", "alibaba-web", "Alibaba (AliExpress, Taobao)", "shopping", web="https://www.alibaba.com", alias=["AliExpress", "Taobao"], v2=["alibaba"])

V("baidu", "Baidu", "CN", "none", "listed", WP("Baidu"), legal="Baidu, Inc.", web="https://www.baidu.com", note="Incorporated in the Cayman Islands, headquartered in Beijing.")
P("baidu", "ernie-bot", "ERNIE Bot (Wenxin Yiyan)", "genai-chat", web="https://yiyan.baidu.com", alias=["Wenxin Yiyan", "文心一言", "ERNIE"], dom=["yiyan.baidu.com", "ernie.baidu.com"])
P("baidu", "baidu-services", "Baidu web sites and services", "search-engine", web="https://www.baidu.com", v2=["baidu"])

V("bytedance", "ByteDance", "CN", "none", "private", WP("ByteDance"), legal="ByteDance Ltd.", aliases=["字节跳动"], web="https://www.bytedance.com", note="Incorporated in the Cayman Islands, headquartered in Beijing.")
P("bytedance", "tiktok", "TikTok", "social-media", web="https://www.tiktok.com", v2=["tiktok"])
P("bytedance", "doubao", "Doubao", "genai-chat", web="https://www.doubao.com", alias=["豆包", "Cici"], v2=["doubao"])
P("bytedance", "trae", "Trae", "genai-coding", web="https://www.trae.ai", alias=["MarsCode"], v2=["trae"])
P("bytedance", "bytedance-ai", "ByteDance AI services (outside China)", "genai-other", web="https://www.bytedance.com", v2=["bytedance-ai-!cn"])
P("bytedance", "bytedance-services", "ByteDance web sites and services", "other", web="https://www.bytedance.com", v2=["bytedance"], alias=["CapCut", "Lark", "Feishu"])

V("hugging-face", "Hugging Face", "US", "none", "private", WP("Hugging_Face"), legal="Hugging Face, Inc.", web="https://huggingface.co", note="Founded by French entrepreneurs; incorporated in the US, headquartered in New York, with a large office in Paris.",
  purls=["pkg:pypi/transformers", "pkg:pypi/huggingface-hub", "pkg:pypi/datasets", "pkg:npm/@huggingface/*"])
P("hugging-face", "hugging-face-hub", "Hugging Face Hub", "genai-platform", web="https://huggingface.co", alias=["Hugging Face", "HuggingChat", "Hugging Face Spaces"], v2=["huggingface"], hosting=["aws"])

V("aleph-alpha", "Aleph Alpha", "DE", None, "private", WP("Aleph_Alpha"), legal="Aleph Alpha GmbH", web="https://aleph-alpha.com")
P("aleph-alpha", "aleph-alpha-phariaai", "Aleph Alpha PhariaAI", "genai-platform", web="https://aleph-alpha.com", alias=["Luminous", "PhariaAI"], dom=["aleph-alpha.com", "aleph-alpha.de"])
V("lighton", "LightOn", "FR", "none", "listed", WP("LightOn", "fr"), legal="LightOn SA", web="https://www.lighton.ai", note="Listed on Euronext Growth Paris since 2024.")
P("lighton", "lighton-paradigm", "LightOn Paradigm", "genai-platform", web="https://www.lighton.ai", alias=["Paradigm", "LightOn"], dom=["lighton.ai", "lighton.io"])
V("cohere", "Cohere", "CA", "none", "private", WP("Cohere"), legal="Cohere Inc.", web="https://cohere.com")
P("cohere", "cohere", "Cohere (Command, North)", "genai-api", web="https://cohere.com", alias=["Cohere API", "Command R", "Cohere North"], dom=["cohere.com", "cohere.ai"])
V("midjourney", "Midjourney", "US", "none", "private", WP("Midjourney"), legal="Midjourney, Inc.", web="https://www.midjourney.com")
P("midjourney", "midjourney", "Midjourney", "genai-image", web="https://www.midjourney.com", dom=["midjourney.com"])
V("stability-ai", "Stability AI", "GB", "none", "private", WP("Stability_AI"), legal="Stability AI Ltd", web="https://stability.ai")
P("stability-ai", "stable-diffusion", "Stable Diffusion / Stability AI platform", "genai-image", web="https://stability.ai", alias=["Stable Diffusion", "DreamStudio", "Stable Audio"], dom=["stability.ai", "dreamstudio.ai", "stableaudio.com"])
V("elevenlabs", "ElevenLabs", "US", "none", "private", WP("ElevenLabs"), legal="Eleven Labs, Inc.", web="https://elevenlabs.io")
P("elevenlabs", "elevenlabs", "ElevenLabs", "genai-voice", web="https://elevenlabs.io", v2=["elevenlabs"])
V("otter-ai", "Otter.ai", "US", "none", "private", WP("Otter.ai"), legal="Otter.ai, Inc.", aliases=["AISense"], web="https://otter.ai")
P("otter-ai", "otter", "Otter.ai", "genai-transcription", web="https://otter.ai", alias=["Otter", "OtterPilot"], dom=["otter.ai"])
V("fireflies-ai", "Fireflies.ai", "US", None, "private", "https://fireflies.ai/about", legal="Fireflies.ai Corp.", web="https://fireflies.ai")
P("fireflies-ai", "fireflies", "Fireflies.ai", "genai-transcription", web="https://fireflies.ai", alias=["Fireflies", "Fred (Fireflies)"], dom=["fireflies.ai"])
V("grammarly", "Grammarly", "US", "none", "private", WP("Grammarly"), legal="Grammarly, Inc.", web="https://www.grammarly.com")
P("grammarly", "grammarly", "Grammarly", "genai-writing", web="https://www.grammarly.com", alias=["GrammarlyGO"], dom=["grammarly.com", "grammarly.io", "grammarly.net"])
V("jasper-ai", "Jasper AI", "US", None, "private", WP("Jasper_(software)"), legal="Jasper AI, Inc.", web="https://www.jasper.ai")
P("jasper-ai", "jasper", "Jasper", "genai-writing", web="https://www.jasper.ai", alias=["Jasper AI", "Clipdrop"], dom=["jasper.ai", "clipdrop.co"])
V("quora", "Quora", "US", "none", "private", WP("Quora"), legal="Quora, Inc.", web="https://www.quora.com")
P("quora", "poe", "Poe", "genai-chat", web="https://poe.com", v2=["poe"])
P("quora", "quora", "Quora", "social-media", web="https://www.quora.com", v2=["quora"])
V("character-ai", "Character.AI", "US", None, "private", WP("Character.ai"), legal="Character Technologies, Inc.", web="https://character.ai")
P("character-ai", "character-ai", "Character.AI", "genai-companion", web="https://character.ai", alias=["c.ai"], dom=["character.ai", "c.ai"])
V("you-com", "You.com", "US", None, "private", WP("You.com"), legal="You.com, Inc.", aliases=["SuSea"], web="https://you.com")
P("you-com", "you-com", "You.com", "genai-search", web="https://you.com", dom=["you.com"])
V("phind", "Phind", "US", None, "private", "https://www.phind.com/about", web="https://www.phind.com")
P("phind", "phind", "Phind", "genai-coding", web="https://www.phind.com", dom=["phind.com"])
V("gamma-tech", "Gamma", "US", None, "private", "https://gamma.app/about", legal="Gamma Tech, Inc.", web="https://gamma.app")
P("gamma-tech", "gamma", "Gamma", "genai-presentation", web="https://gamma.app", alias=["Gamma.app"], dom=["gamma.app"])
V("canva", "Canva", "AU", "none", "private", WP("Canva"), legal="Canva Pty Ltd", web="https://www.canva.com")
P("canva", "canva", "Canva (incl. Magic Studio)", "design", web="https://www.canva.com", alias=["Canva AI", "Magic Studio"], v2=["canva"])
V("anysphere", "Anysphere", "US", "none", "private", WP("Cursor_(code_editor)"), legal="Anysphere, Inc.", web="https://anysphere.inc")
P("anysphere", "cursor", "Cursor", "genai-coding", web="https://cursor.com", alias=["Cursor AI", "Cursor IDE"], v2=["cursor"])
V("cognition-ai", "Cognition AI", "US", "none", "private", WP("Cognition_AI"), legal="Cognition AI, Inc.", web="https://cognition.ai")
P("cognition-ai", "devin", "Devin", "genai-coding", web="https://devin.ai", dom=["devin.ai", "cognition.ai", "deepwiki.com", "deepwiki.org"])
V("windsurf", "Windsurf (Exafunction)", "US", "cognition-ai", "private", WP("Windsurf_(company)"), legal="Exafunction, Inc.", aliases=["Codeium", "Exafunction"], web="https://windsurf.com", as_of="2025-07-15",
  acq=[{"acquirer": "cognition-ai", "year": 2025, "source": "https://cognition.ai/blog/windsurf"}])
P("windsurf", "windsurf", "Windsurf (Codeium)", "genai-coding", web="https://windsurf.com", alias=["Codeium", "Windsurf Editor"], v2=["windsurf"], dom=["codeium.com", "windsurf.com", "codeiumdata.com"])
V("tabnine", "Tabnine", "IL", "none", "private", WP("Tabnine"), legal="Tabnine Ltd.", aliases=["Codota"], web="https://www.tabnine.com")
P("tabnine", "tabnine", "Tabnine", "genai-coding", web="https://www.tabnine.com", dom=["tabnine.com"])
V("xai", "xAI", "US", "none", "private", WP("XAI_(company)"), legal="X.AI Corp.", aliases=["X.AI Holdings"], web="https://x.ai", note="Merged with X Corp. into X.AI Holdings in March 2025.")
P("xai", "grok", "Grok", "genai-chat", web="https://grok.com", alias=["Grok AI", "xAI API"], v2=["xai"], dom=["grok.com", "x.ai", "api.x.ai", "grok.x.com"])
V("groq", "Groq", "US", "none", "private", WP("Groq"), legal="Groq, Inc.", web="https://groq.com")
P("groq", "groqcloud", "GroqCloud", "genai-api", web="https://console.groq.com", alias=["Groq", "Groq API"], v2=["groq"])
V("cerebras", "Cerebras Systems", "US", "none", "private", WP("Cerebras"), legal="Cerebras Systems Inc.", web="https://www.cerebras.ai")
P("cerebras", "cerebras-inference", "Cerebras Inference", "genai-api", web="https://cloud.cerebras.ai", alias=["Cerebras"], v2=["cerebras"])
V("together-ai", "Together AI", "US", "none", "private", WP("Together_AI"), legal="Together Computer, Inc.", web="https://www.together.ai")
P("together-ai", "together-ai", "Together AI", "genai-api", web="https://www.together.ai", alias=["Together"], dom=["together.ai", "together.xyz"])
V("openrouter", "OpenRouter", "US", None, "private", "https://openrouter.ai/about", legal="OpenRouter, Inc.", web="https://openrouter.ai")
P("openrouter", "openrouter", "OpenRouter", "genai-api", web="https://openrouter.ai", dom=["openrouter.ai"])
V("ollama", "Ollama", "US", None, "private", "https://ollama.com", legal="Ollama, Inc.", web="https://ollama.com")
P("ollama", "ollama", "Ollama", "genai-platform", web="https://ollama.com", dom=["ollama.com", "ollama.ai"], oss=True, lic="MIT")
V("manus-ai", "Manus", "SG", None, "private", WP("Manus_(AI_agent)"), legal="Butterfly Effect Pte. Ltd.", web="https://manus.im", note="Developed by Butterfly Effect, which moved its headquarters from China to Singapore in 2025.")
P("manus-ai", "manus", "Manus", "genai-agents", web="https://manus.im", v2=["manus"])
V("runway-ai", "Runway", "US", "none", "private", WP("Runway_(company)"), legal="Runway AI, Inc.", web="https://runwayml.com")
P("runway-ai", "runway", "Runway", "genai-video", web="https://runwayml.com", alias=["Runway Gen-3", "RunwayML"], dom=["runwayml.com", "runway.com"])
V("suno", "Suno", "US", "none", "private", WP("Suno_AI"), legal="Suno, Inc.", web="https://suno.com")
P("suno", "suno", "Suno", "genai-voice", web="https://suno.com", dom=["suno.com", "suno.ai"])
V("synthesia", "Synthesia", "GB", "none", "private", WP("Synthesia_(company)"), legal="Synthesia Limited", web="https://www.synthesia.io")
P("synthesia", "synthesia", "Synthesia", "genai-video", web="https://www.synthesia.io", dom=["synthesia.io"])
V("black-forest-labs", "Black Forest Labs", "DE", "none", "private", WP("Black_Forest_Labs"), legal="Black Forest Labs GmbH", web="https://bfl.ai")
P("black-forest-labs", "flux", "FLUX (Black Forest Labs)", "genai-image", web="https://bfl.ai", alias=["FLUX.1", "Black Forest Labs API"], dom=["bfl.ai", "blackforestlabs.ai", "api.bfl.ml"])
V("langchain", "LangChain", "US", None, "private", "https://www.langchain.com/about", legal="LangChain, Inc.", web="https://www.langchain.com", purls=["pkg:pypi/langchain", "pkg:pypi/langchain-*", "pkg:npm/langchain", "pkg:npm/@langchain/*"])
P("langchain", "langsmith", "LangSmith", "genai-platform", web="https://smith.langchain.com", alias=["LangChain", "LangGraph Platform"], dom=["langchain.com", "smith.langchain.com", "api.smith.langchain.com"])
V("replicate", "Replicate", "US", None, "private", "https://replicate.com/about", legal="Replicate, Inc.", web="https://replicate.com")
P("replicate", "replicate", "Replicate", "genai-api", web="https://replicate.com", dom=["replicate.com", "replicate.delivery"])
V("coderabbit", "CodeRabbit", "US", None, "private", "https://www.coderabbit.ai", legal="CodeRabbit Inc.", web="https://www.coderabbit.ai")
P("coderabbit", "coderabbit", "CodeRabbit", "genai-coding", web="https://www.coderabbit.ai", dom=["coderabbit.ai", "coderabbit.gallery.vsassets.io"])
V("zhipu-ai", "Zhipu AI", "CN", None, "private", WP("Zhipu_AI"), legal="Beijing Zhipu Huazhang Technology Co., Ltd.", aliases=["智谱", "Z.ai"], web="https://www.zhipuai.cn")
P("zhipu-ai", "chatglm", "ChatGLM / Z.ai", "genai-chat", web="https://chatglm.cn", alias=["GLM", "Z.ai", "智谱清言"], dom=["chatglm.cn", "bigmodel.cn", "zhipuai.cn", "z.ai", "zhipucn.com"])
V("minimax", "MiniMax", "CN", None, "private", WP("MiniMax_(company)"), legal="Shanghai MiniMax Technology Co., Ltd.", web="https://www.minimax.io")
P("minimax", "minimax", "MiniMax / Hailuo AI", "genai-chat", web="https://www.minimax.io", alias=["Hailuo AI", "Talkie"], dom=["minimax.io", "minimaxi.com", "hailuoai.com", "hailuoai.video", "xingyeai.com"])
V("iflytek", "iFlytek", "CN", None, "listed", WP("IFlytek"), legal="iFLYTEK Co., Ltd.", aliases=["科大讯飞"], web="https://www.iflytek.com")
P("iflytek", "iflytek-spark", "iFlytek Spark", "genai-chat", web="https://xinghuo.xfyun.cn", alias=["讯飞星火", "Spark Desk"], dom=["full:xinghuo.xfyun.cn", "xfyun.cn", "iflytek.com"])
V("kunlun-tech", "Kunlun Tech", "CN", None, "listed", WP("Kunlun_Tech"), legal="Beijing Kunlun Tech Co., Ltd.", aliases=["昆仑万维"], web="https://www.kunlun.com")
P("kunlun-tech", "tiangong-ai", "Tiangong AI (Skywork)", "genai-search", web="https://www.tiangong.cn", alias=["天工AI", "Skywork"], dom=["tiangong.cn", "skywork.ai"])
V("xiaomi", "Xiaomi", "CN", "none", "listed", WP("Xiaomi"), legal="Xiaomi Corporation", web="https://www.mi.com")
P("xiaomi", "xiaomi-ai", "Xiaomi AI (XiaoAI, MiMo)", "genai-chat", web="https://xiaoai.mi.com", v2=["xiaomi-ai"])
