import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MaiaAgent
import MaiaApp
import MaiaConfig
import MaiaCore
import MaiaEngines
import MaiaExperiments
import MaiaMemory

/// `/dashboard`: the comparison dashboard for the service role (docs/dashboard.md). Views are `GET`s; the controls
/// are form `POST`s with a confirmation step, an anti-forgery token and a same-origin check. A browser signs in once
/// with a service credential and then carries an HttpOnly session cookie; a script may instead send its
/// `Authorization: Bearer` credential on the views.
struct DashboardRoutes {
    let service: MaiaService
    let sessions: DashboardSessions
    let data: DashboardData

    /// Who is looking: the name changes are recorded under, and the session the forms' tokens belong to (`nil` for
    /// a bearer credential, whose views carry no working forms).
    struct Viewer {
        let who: String
        let session: String?
    }

    func add(to router: Router<MaiaRequestContext>) {
        router.get("dashboard") { request, _ in
            try await view(request) { viewer in try await dashboard(request, viewer) }
        }
        router.get("dashboard/comparison/:id") { request, context in
            let index = context.parameters.get("id", as: Int.self)
            return try await view(request) { _ in try await comparison(index) }
        }
        router.get("dashboard/login") { request, _ in
            if isOpen { return redirect("/dashboard") }
            return page(DashboardPage.login(problem: nil, csrf: sessions.token(for: "login")), status: .ok)
        }
        router.post("dashboard/login") { request, _ in try await login(request) }
        router.post("dashboard/logout") { request, _ in
            let form = try await DashboardForm.read(request, limit: service.maxBodyBytes)
            if let id = cookie(request), sessions.verify(form["csrf"], for: id), DashboardForm.isSameOrigin(request) {
                sessions.remove(id)
            }
            return redirect("/dashboard/login", cookie: "\(DashboardSessions.cookieName)=; Path=/dashboard; Max-Age=0")
        }
        router.post("dashboard/control") { request, _ in try await control(request) }
    }

    /// With `MAIA_AUTH=none` (loopback only) every caller is trusted and there is nothing to sign in with.
    private var isOpen: Bool {
        if case .none = service.authenticator.mode { return true }
        return false
    }

    /// The viewer of `request`: its session cookie, its bearer credential (service role only), or the open
    /// loopback; otherwise the sign-in page (no credential) or a refusal (not the service role).
    private enum Access {
        case viewer(Viewer)
        /// The sign-in redirect or a refusal.
        case response(Response)
    }

    private func viewer(_ request: Request) async -> Access {
        if isOpen { return .viewer(Viewer(who: "dashboard:loopback", session: DashboardSessions.loopback)) }
        if let id = cookie(request), let session = sessions.session(id) {
            return .viewer(Viewer(who: session.who, session: id))
        }
        guard request.headers[.authorization] != nil else { return .response(redirect("/dashboard/login")) }
        do {
            let caller = try await service.authenticator.authenticate(request)
            guard caller.role == .service else { return .response(forbidden()) }
            return .viewer(Viewer(who: "dashboard:" + (caller.user?.rawValue ?? "service"), session: nil))
        } catch {
            return .response(
                page(DashboardPage.message(title: "Not signed in", text: error.message), status: .unauthorized)
            )
        }
    }

    private func view(_ request: Request, _ body: (Viewer) async throws -> Response) async throws -> Response {
        switch await viewer(request) {
        case .viewer(let viewer): return try await body(viewer)
        case .response(let response): return response
        }
    }

    private func dashboard(_ request: Request, _ viewer: Viewer) async throws -> Response {
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) { first, _ in
            first
        }
        let filter: ShadowFilter
        var refresh: Int?
        do throws(DashboardInputError) {
            filter = try ShadowFilter(query: query)
            if let text = query["refresh"] {
                guard let seconds = Int(text), (5...3600).contains(seconds) else {
                    throw DashboardInputError("refresh must be a whole number of seconds from 5 to 3600")
                }
                refresh = seconds
            }
        } catch {
            return page(
                DashboardPage.message(title: "Filter not accepted", text: error.description),
                status: .badRequest
            )
        }
        let shadow = await data.shadow(filter)
        let experiment = await data.experiment(service.app)
        let view = DashboardView(
            engines: service.app.slots.map { "\($0.engine.name) (\($0.engine.model))" },
            shadow: shadow.panel,
            shadowProblem: shadow.problem,
            experiment: experiment.panel,
            experimentProblem: experiment.problem,
            filter: filter,
            csrf: viewer.session.map(sessions.token) ?? "",
            who: viewer.who,
            canSignOut: viewer.session != nil && !isOpen,
            refreshSeconds: refresh,
            generated: Date()
        )
        return page(DashboardPage.html(view), status: .ok)
    }

    private func comparison(_ index: Int?) async throws -> Response {
        _ = try? await data.tail.refresh()
        guard let index, index >= 0, let record = await data.tail.record(at: index) else {
            return page(
                DashboardPage.message(
                    title: "No such comparison",
                    text: "There is no comparison with this number in the shadow log."
                ),
                status: .notFound
            )
        }
        let html = DashboardPage.comparison(
            record,
            index: index,
            userLabel: DashboardData.hashed(record.userId),
            showText: service.app.settings.server.dashboardText == .show
        )
        return page(html, status: .ok)
    }

    private func login(_ request: Request) async throws -> Response {
        if isOpen { return redirect("/dashboard") }
        let form = try await DashboardForm.read(request, limit: service.maxBodyBytes)
        func again(_ problem: String, _ status: HTTPResponse.Status) -> Response {
            page(DashboardPage.login(problem: problem, csrf: sessions.token(for: "login")), status: status)
        }
        guard sessions.verify(form["csrf"], for: "login"), DashboardForm.isSameOrigin(request) else {
            return again("The form expired or came from another site; sign in again.", .forbidden)
        }
        guard let name = form["name"], let who = DashboardForm.name(name) else {
            return again("Your name must be 1 to 64 letters, digits, spaces or . _ @ -.", .badRequest)
        }
        guard let credential = form["credential"]?.trimmingCharacters(in: .whitespaces), !credential.isEmpty else {
            return again("Paste a service credential.", .badRequest)
        }
        let caller: Caller
        do {
            caller = try await service.authenticator.authenticate(credential: credential)
        } catch {
            return again("The credential was refused: \(error.message)", .unauthorized)
        }
        guard caller.role == .service else {
            return again(
                "This credential is not of the service role; the dashboard is for the service role only.",
                .forbidden
            )
        }
        let id = sessions.create(who: "dashboard:" + who)
        service.app.logger.notice("dashboard sign-in", metadata: ["by": "dashboard:\(who)"])
        let secure = request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https" ? "; Secure" : ""
        return redirect(
            "/dashboard",
            cookie: "\(DashboardSessions.cookieName)=\(id); Path=/dashboard; HttpOnly; SameSite=Lax; "
                + "Max-Age=\(Int(DashboardSessions.lifetime))\(secure)"
        )
    }

    private func control(_ request: Request) async throws -> Response {
        guard case .viewer(let viewer) = await viewer(request), let session = viewer.session else {
            return forbidden("Sign in to the dashboard in this browser to change the experiment.")
        }
        let form = try await DashboardForm.read(request, limit: service.maxBodyBytes)
        guard sessions.verify(form["csrf"], for: session), DashboardForm.isSameOrigin(request) else {
            return forbidden("The form expired or came from another site; reload the dashboard and try again.")
        }
        let action = form["action"] ?? ""
        guard ["start", "ramp", "stop", "clear"].contains(action) else {
            return page(
                DashboardPage.message(title: "Not accepted", text: "action must be start, ramp, stop or clear"),
                status: .badRequest
            )
        }
        var percent: Double?
        if action == "start" || action == "ramp" {
            guard let text = form["percent"], let value = Double(text), value.isFinite, (0...100).contains(value) else {
                return page(
                    DashboardPage.message(
                        title: "Not accepted",
                        text: "the share must be a percentage from 0 to 100, e.g. 5 or 12.5"
                    ),
                    status: .badRequest
                )
            }
            percent = value
        }
        let reason = form["reason"].flatMap { $0.isEmpty ? nil : $0 }
        let control = ExperimentControl(
            store: service.app.store,
            experiment: service.app.settings.experiments.experimentName
        )
        guard form["confirm"] == "yes" else {
            let current = try? await control.status()
            let html = DashboardPage.confirm(
                action: action,
                percent: percent,
                reason: reason,
                experiment: control.experiment,
                current: current ?? nil,
                who: viewer.who,
                csrf: sessions.token(for: session)
            )
            return page(html, status: .ok)
        }
        do throws(ExperimentControlError) {
            let state: ExperimentState
            switch action {
            case "start": state = try await control.start(percent: percent ?? 0, by: viewer.who, reason: reason)
            case "ramp": state = try await control.ramp(percent: percent ?? 0, by: viewer.who, reason: reason)
            case "clear": state = try await control.clear(by: viewer.who, reason: reason)
            default: state = try await control.stop(by: viewer.who, reason: reason)
            }
            await service.app.routing?.state.invalidate()
            data.invalidateExperiment()
            service.app.logger.notice(
                "experiment changed",
                metadata: [
                    "experiment": "\(state.experiment)", "status": "\(state.status.rawValue)", "by": "\(viewer.who)",
                ]
            )
            return redirect("/dashboard#controls")
        } catch {
            let status: HTTPResponse.Status = error.code == .storage ? .serviceUnavailable : .conflict
            if error.code == .storage {
                service.app.logger.error("dashboard control failed", metadata: ["error": "\(error)"])
            }
            let text =
                error.code == .storage ? "The experiment store is unavailable right now; try again." : error.message
            return page(DashboardPage.message(title: "Not changed", text: text), status: status)
        }
    }

    private func cookie(_ request: Request) -> String? {
        DashboardForm.cookie(DashboardSessions.cookieName, in: request.headers[values: .cookie])
    }

    private func forbidden(_ text: String = "The dashboard is for the service role only.") -> Response {
        page(DashboardPage.message(title: "Forbidden", text: text), status: .forbidden)
    }

    private func redirect(_ location: String, cookie: String? = nil) -> Response {
        var headers = DashboardForm.securityHeaders
        headers[.location] = location
        if let cookie { headers[.setCookie] = cookie }
        return Response(status: .seeOther, headers: headers)
    }

    private func page(_ html: String, status: HTTPResponse.Status) -> Response {
        var headers = DashboardForm.securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
