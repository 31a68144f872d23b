package org.switchboard.accounts.web;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.switchboard.accounts.CurrentUser;

/** Lets any controller declare a {@link CurrentUser} parameter: who is asking, with their tenant. */
@Configuration(proxyBeanMethods = false)
class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    static {
        // The signed-in user is no part of any request: not a query parameter, not a field of a form body.
        org.springdoc.core.utils.SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentUser.class || isOptionalUser(parameter);
    }

    /** {@code Optional<CurrentUser>}: for endpoints that machines reach with keys of their own too. */
    private static boolean isOptionalUser(MethodParameter parameter) {
        return parameter.getParameterType() == java.util.Optional.class
                && parameter.getGenericParameterType() instanceof java.lang.reflect.ParameterizedType type
                && type.getActualTypeArguments()[0] == CurrentUser.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        CurrentUser user = auth != null && auth.getPrincipal() instanceof SignedInUser signedIn ? signedIn.user() : null;
        if (isOptionalUser(parameter)) {
            return java.util.Optional.ofNullable(user);
        }
        if (user != null) {
            return user;
        }
        throw new AuthenticationCredentialsNotFoundException("Log in first");
    }
}
