/*
 * Test-build hooks for the cross-engine journeys. Loaded as the first script of
 * index.html ONLY in the `engines` test build (vite --mode engines, see
 * vite.config.ts); the shipped build never contains this file.
 *
 * It gives every engine the same test controls, where WebDriver classic (WebKit)
 * has no init scripts, clock or geolocation emulation:
 *   localStorage 'e2e:now'  ISO instant: the clock starts there and ticks on
 *   localStorage 'e2e:geo'  {"lat","lng","accuracy"}: navigator.geolocation answers with it, read at
 *                           each call; absent or "denied": permission denied
 *   localStorage 'e2e:platform'   "ios": the page sees an iPhone's Safari (user agent, navigator.standalone false)
 *   localStorage 'e2e:standalone' "1": the page runs as an installed app (display-mode: standalone)
 * and records, in sessionStorage (kept across reloads of the tab):
 *   'e2e:errors'     console.error calls, uncaught errors and rejections, CSP violations
 *   'e2e:downloads'  files the app saved through a download link: [{ name, text }]
 */
;(function () {
  'use strict'
  var errorsKey = 'e2e:errors'
  function push(key, item) {
    try {
      var list = JSON.parse(sessionStorage.getItem(key) || '[]')
      list.push(item)
      sessionStorage.setItem(key, JSON.stringify(list))
    } catch {
      /* storage unavailable: nothing to record into */
    }
  }
  function describe(value) {
    if (value instanceof Error) return value.name + ': ' + value.message
    try {
      return typeof value === 'string' ? value : JSON.stringify(value)
    } catch {
      return String(value)
    }
  }

  // --- errors -------------------------------------------------------------
  // Once the page is being left (a navigation), requests still in flight are cancelled and some engines
  // (Firefox) report the cancelled module loads as errors: nobody sees those; they are not recorded.
  var leaving = false
  window.addEventListener('beforeunload', function () { leaving = true })
  window.addEventListener('pagehide', function () { leaving = true })
  window.addEventListener('pageshow', function () { leaving = false })
  var consoleError = console.error.bind(console)
  console.error = function () {
    if (!leaving) push(errorsKey, 'console.error: ' + Array.prototype.map.call(arguments, describe).join(' '))
    consoleError.apply(null, arguments)
  }
  window.addEventListener('error', function (event) {
    if (!leaving) push(errorsKey, 'error: ' + (event.error ? describe(event.error) : event.message))
  })
  window.addEventListener('unhandledrejection', function (event) {
    if (!leaving) push(errorsKey, 'unhandledrejection: ' + describe(event.reason))
  })
  document.addEventListener('securitypolicyviolation', function (event) {
    push(errorsKey, 'csp: ' + event.violatedDirective + ' ' + event.blockedURI)
  })

  // --- clock --------------------------------------------------------------
  var fixed = localStorage.getItem('e2e:now')
  if (fixed) {
    var RealDate = Date
    var offset = new RealDate(fixed).getTime() - RealDate.now()
    var FakeDate = function Date() {
      var args = Array.prototype.slice.call(arguments)
      if (!(this instanceof FakeDate)) return new RealDate(RealDate.now() + offset).toString()
      if (args.length === 0) return new RealDate(RealDate.now() + offset)
      return new (Function.prototype.bind.apply(RealDate, [null].concat(args)))()
    }
    FakeDate.prototype = RealDate.prototype
    FakeDate.now = function () {
      return RealDate.now() + offset
    }
    FakeDate.UTC = RealDate.UTC
    FakeDate.parse = RealDate.parse
    window.Date = FakeDate
  }

  // --- geolocation --------------------------------------------------------
  function position() {
    var raw = localStorage.getItem('e2e:geo')
    return raw ? JSON.parse(raw) : null
  }
  var fakeGeolocation = {
    getCurrentPosition: function (success, failure) {
      setTimeout(function () {
        var p = position()
        if (!p || p === 'denied') {
          if (failure) failure({ code: 1, message: 'User denied Geolocation', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 })
          return
        }
        success({ coords: { latitude: p.lat, longitude: p.lng, accuracy: p.accuracy || 10, altitude: null, altitudeAccuracy: null, heading: null, speed: null }, timestamp: Date.now() })
      }, 20)
    },
    watchPosition: function (success, failure) {
      fakeGeolocation.getCurrentPosition(success, failure)
      return 1
    },
    clearWatch: function () {},
  }
  Object.defineProperty(Navigator.prototype, 'geolocation', { configurable: true, get: function () { return fakeGeolocation } })

  // --- platform: an iPhone, or the installed app ---------------------------
  if (localStorage.getItem('e2e:platform') === 'ios') {
    var iosAgent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1'
    Object.defineProperty(Navigator.prototype, 'userAgent', { configurable: true, get: function () { return iosAgent } })
    Object.defineProperty(Navigator.prototype, 'standalone', { configurable: true, get: function () { return localStorage.getItem('e2e:standalone') === '1' } })
  }
  if (localStorage.getItem('e2e:standalone') === '1') {
    var matchMedia = window.matchMedia.bind(window)
    window.matchMedia = function (query) {
      if (/display-mode:\s*standalone/.test(query)) return { matches: true, media: query, onchange: null, addListener: function () {}, removeListener: function () {}, addEventListener: function () {}, removeEventListener: function () {}, dispatchEvent: function () { return false } }
      return matchMedia(query)
    }
  }

  // --- downloads ----------------------------------------------------------
  var blobs = {}
  var createObjectURL = URL.createObjectURL
  URL.createObjectURL = function (blob) {
    var url = createObjectURL.call(URL, blob)
    blobs[url] = blob
    return url
  }
  var click = HTMLAnchorElement.prototype.click
  HTMLAnchorElement.prototype.click = function () {
    var blob = blobs[this.href]
    if (this.hasAttribute('download') && blob) {
      var name = this.getAttribute('download')
      blob.text().then(function (text) {
        push('e2e:downloads', { name: name, text: text })
      })
      return
    }
    return click.call(this)
  }
})()
