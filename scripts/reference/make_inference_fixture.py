#!/usr/bin/env python3
"""Records llama.cpp's answers for the in-process runtime's reference tests (Tests/MaiaInferenceTests/Fixtures).

Run with the venv that `scripts/setup.sh test` creates (llama-cpp-python, the reference):
    $MAIA_CACHE/venv/bin/python scripts/reference/make_inference_fixture.py <model.gguf> <fixtures folder>
    $MAIA_CACHE/venv/bin/python scripts/reference/make_inference_fixture.py <model.gguf> <fixtures folder> <name>

The second form records only the generations, into generation-<name>.json with the model file's SHA-256: for the Q4_0
and F16 files of scripts/reference/make_quantized_models.py. It loads the model with llama.cpp's weight repacking off:
on x86 llama.cpp repacks Q4_0 matrices into interleaved blocks of 8 rows (`q4_0_8x8`) whose products sum in another
order than `ggml_vec_dot_q4_0_q8_0`, the product the runtime reproduces (no other type the runtime reads is repacked).

Writes tokenizer.json (texts and llama.cpp's ids, special tokens parsed as `/extras/tokenize` does) and
generation.json (ChatML prompts, their ids, 32 greedy tokens each and the first step's top logits), computed on one
thread with llama.cpp's defaults (flash attention off, f16 key/value cache, prompt evaluated as one batch).

The rounding of llama.cpp's CPU code depends on the instruction set it was compiled for (a native build on an
AVX-512 CPU takes other code paths than on an AVX2 one), so generation.json records it ("kernels": "avx512" or
"avx2", from llama.cpp's system info); the tests expect identical logits only where MAIA's kernels reproduce that build.
"""
import hashlib
import json
import sys

import llama_cpp
import numpy as np
from llama_cpp import Llama

SENTENCES = {
    "en": ["I keep dreaming about the house where I grew up.", "What should I focus on this week?",
           "My sister called me yesterday and we talked for hours.", "I feel stuck between two choices.",
           "The meeting went better than I expected!", "Can you remind me what I said about my job?",
           "It's been raining all day; I'm tired.", "We're planning a trip to the mountains in May.",
           "Why do I always procrastinate on the important things?", "Thanks, that really helped."],
    "es": ["Hoy me siento más tranquila que ayer.", "¿Qué debería hacer con mi trabajo?",
           "Mi madre está enferma y estoy preocupado.", "Quiero aprender a meditar por las mañanas.",
           "El año pasado viajé a Perú con mis amigos.", "¡Qué día tan extraño!",
           "No sé si decirle la verdad a mi pareja.", "Estoy leyendo un libro sobre los sueños.",
           "Mañana empiezo un nuevo trabajo en Madrid.", "Gracias por escucharme, de verdad."],
    "fr": ["Je me sens un peu perdu en ce moment.", "Qu'est-ce que tu penses de mon projet ?",
           "J'ai rêvé de ma grand-mère cette nuit.", "Le café était délicieux ce matin.",
           "Nous allons déménager à Lyon l'été prochain.", "Pourquoi est-ce que j'ai peur de l'échec ?",
           "Mon frère a réussi son examen, quelle joie !", "Je n'arrive pas à dormir depuis une semaine.",
           "C'est l'anniversaire de ma fille demain.", "Merci beaucoup pour ton aide."],
    "de": ["Ich fühle mich heute sehr müde.", "Was soll ich als Nächstes tun?",
           "Meine Großmutter hat mir früher Märchen erzählt.", "Die Straße war voller Menschen.",
           "Wir überlegen, nach München zu ziehen.", "Warum fällt es mir so schwer, Nein zu sagen?",
           "Übermorgen beginnt mein Urlaub an der Ostsee.", "Ich habe gestern einen alten Freund getroffen.",
           "Das Gespräch mit meinem Chef war anstrengend.", "Vielen Dank für deine Geduld."],
    "it": ["Oggi mi sento più leggero del solito.", "Cosa dovrei fare con questa relazione?",
           "Mio padre cucinava sempre la pasta la domenica.", "Perché non riesco a concentrarmi?",
           "La settimana prossima andrò a Firenze.", "Ho paura di deludere i miei genitori.",
           "È stata una giornata bellissima al mare.", "Sto imparando a suonare la chitarra.",
           "Non so più cosa voglio dalla vita.", "Grazie mille, mi hai aiutato tanto."],
    "pt": ["Hoje acordei com uma sensação estranha.", "O que você acha que eu devo fazer?",
           "Minha avó fazia pão de queijo todo sábado.", "Estou cansado de trabalhar até tarde.",
           "Vamos viajar para Lisboa em dezembro.", "Por que é tão difícil pedir ajuda?",
           "Meu filho começou a andar ontem!", "Não consigo parar de pensar nisso.",
           "A reunião foi adiada para amanhã às três.", "Obrigada pela conversa de hoje."],
    "hi": ["आज मैं बहुत थका हुआ महसूस कर रहा हूँ।", "मुझे अपनी नौकरी के बारे में क्या करना चाहिए?",
           "मेरी माँ हर रविवार को खीर बनाती थीं।", "मैं कल रात एक अजीब सपना देखा।",
           "हम अगले महीने दिल्ली जा रहे हैं।", "मुझे डर लगता है कि मैं असफल हो जाऊँगा।",
           "मेरे दोस्त ने मुझे जन्मदिन पर किताब दी।", "क्या तुम मुझे याद दिला सकते हो?",
           "बारिश में चाय पीना मुझे पसंद है।", "बहुत धन्यवाद, इससे मदद मिली।"],
    "th": ["วันนี้ฉันรู้สึกเหนื่อยมาก", "ฉันควรทำอย่างไรกับงานของฉัน",
           "แม่ของฉันชอบทำอาหารไทยทุกวันอาทิตย์", "เมื่อคืนฉันฝันแปลกๆ",
           "เรากำลังจะไปเชียงใหม่เดือนหน้า", "ทำไมฉันถึงกลัวความล้มเหลว",
           "เพื่อนของฉันให้หนังสือเป็นของขวัญวันเกิด", "คุณช่วยเตือนฉันได้ไหม",
           "ฉันชอบดื่มชาตอนฝนตก", "ขอบคุณมาก ช่วยได้เยอะเลย"],
}

EXTRAS = [
    "", " ", "  ", "\n", "\n\n\n", "\t", " \t\n ", "a", "A", "1", "12", "123", "1234567890", " 42", "3.14159",
    "-17.5e+3", "1,000,000", "2026-12-04T13:14:15Z", "$19.99", "100%", "#hashtag", "@mention", "user@example.com",
    "https://example.com/path?q=1&r=2#frag", "C:\\Users\\maia\\file.txt", "/usr/local/bin", "don't", "I'll", "we've",
    "you're", "she'd", "it's", "I'M", "'s", "O'Neil's", "rock'n'roll", "hello    world", "trailing spaces   ",
    "   leading", "mixed\r\nline\rendings\n", "😀", "👍🏽", "👨‍👩‍👧‍👦", "🇫🇷🇩🇪", "I ❤️ you", "🔥🔥🔥 fire!", "smile :) ;-)",
    "naïve café résumé", "Ærøskøbing", "straße STRASSE", "ﬁ ligature", "Ωμέγα", "Привет, как дела?", "你好，世界",
    "こんにちは", "안녕하세요", "مرحبا بالعالم", "שלום", "ॐ", "e\u0301", "\u200b", "\u00a0non-breaking", "a\u2003b",
    "def f(x):\n    return x ** 2\n", "for (int i = 0; i < n; i++) { sum += a[i]; }",
    "SELECT * FROM users WHERE id = 42;", "{\"name\": \"lookup\", \"parameters\": {\"query\": \"dreams\"}}",
    "[search(query=\"x\"), recall(n=3)]", "<tool_call>{\"name\": \"f\"}</tool_call>", "```swift\nlet x = 1\n```",
    "if x != y && z >= 0 || !w { }", "x+=1;y-=2;z*=3", "#include <stdio.h>", "// comment\n/* block */",
    "<|im_start|>", "<|im_end|>", "<|endoftext|>", "<|im_start|>user\nHi<|im_end|>\n",
    "<|im_start|>system\nYou are MAIA.<|im_end|>\n<|im_start|>user\nHello!<|im_end|>\n<|im_start|>assistant\n",
    "text<|im_end|>more", "<|im_start|><|im_end|>", "<repo_name>maia<file_sep>main.swift", "<|im_start",
    "<| im_start |>", "<jupyter_code>print(1)", "....", "!!!???", "---", "===", "***bold***", "__init__",
    "snake_case_name", "camelCaseName", "SCREAMING_CASE", "kebab-case-name", "a\u0000b",
]


def texts():
    out = []
    for language, sentences in SENTENCES.items():
        for index, sentence in enumerate(sentences):
            out.append(sentence)
            if index % 2 == 0:
                out.append(sentence.upper() if language not in ("hi", "th") else sentence + " 2026")
            if index % 3 == 0:
                out.append(sentence + " 😊")
            if index % 5 == 0:
                out.append("<|im_start|>user\n" + sentence + "<|im_end|>\n")
    return out + EXTRAS


def chat(system, user):
    return f"<|im_start|>system\n{system}<|im_end|>\n<|im_start|>user\n{user}<|im_end|>\n<|im_start|>assistant\n"


def prompts():
    system = "You are MAIA, a warm and thoughtful companion. Answer briefly."
    users = [SENTENCES[language][index] for language in SENTENCES for index in (1, 5, 8)]
    users += ["What is the capital of France?", "Write a haiku about autumn.", "List three prime numbers.",
              "Explain recursion to a child.", "Translate 'good morning' into Spanish.",
              "def add(a, b):\n    # complete this function"]
    return [chat(system, user) for user in users]


def without_repacking():
    """Makes every model that Llama() loads from now on keep its weights' own layout (`use_extra_bufts` off)."""
    bindings = llama_cpp.llama_cpp  # the module whose function Llama() calls
    defaults = bindings.llama_model_default_params

    def params():
        value = defaults()
        value.use_extra_bufts = False
        return value

    bindings.llama_model_default_params = params


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def record_generations(llm):
    generations = []
    for prompt in prompts():
        ids = llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=True)
        llm.reset()
        llm.eval(ids)
        tokens, top = [], []
        for step in range(32):
            logits = np.array(llm.scores[llm.n_tokens - 1], dtype=np.float32)
            if step == 0:
                order = np.argsort(-logits)[:10]
                top = [[int(i), float(logits[i])] for i in order]
            token = int(np.argmax(logits))
            tokens.append(token)
            if token in (0, 2):
                break
            llm.eval([token])
        generations.append({"prompt": prompt, "ids": ids, "greedy": tokens, "first_step_top_logits": top})
    return generations


def main():
    model_path, folder = sys.argv[1], sys.argv[2]
    name = sys.argv[3] if len(sys.argv) > 3 else None
    if name:
        without_repacking()
    llm = Llama(model_path=model_path, n_ctx=2048, n_threads=1, n_threads_batch=1, logits_all=True, flash_attn=False,
                verbose=False)
    system = llama_cpp.llama_print_system_info().decode()
    kernels = "avx512" if "AVX512 = 1" in system else "avx2" if "AVX2 = 1" in system else "other"
    header = {"model": model_path.rsplit("/", 1)[-1], "kernels": kernels, "system": system.strip()}
    if name:
        header["sha256"] = sha256(model_path)
        header["repacking"] = False
    else:
        cases = [{"text": text, "ids": llm.tokenize(text.encode("utf-8"), add_bos=True, special=True)}
                 for text in texts()]
        with open(f"{folder}/tokenizer.json", "w", encoding="utf-8") as out:
            json.dump({"model": header["model"], "cases": cases}, out, ensure_ascii=False, indent=0)
        print(f"{len(cases)} tokenizer cases")
    generations = record_generations(llm)
    target = f"{folder}/generation-{name}.json" if name else f"{folder}/generation.json"
    with open(target, "w", encoding="utf-8") as out:
        json.dump({**header, "cases": generations}, out, ensure_ascii=False, indent=0)
    print(f"{len(generations)} generations")


if __name__ == "__main__":
    main()
